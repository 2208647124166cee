// Placeholder entry until the core functions land; keeps the build green.
export function coreVersion(): u32 {
  return 1;
}
