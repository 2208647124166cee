// Command codes of Iggy 0.8.0 (BINARY.md §8): all 47, named as the Rust server
// names them. The Node SDK spells some differently (GetGroup, GetOffset,
// CreateAccessToken, FlushUnsavedBuffers); SDK_COMMAND_ALIASES maps those.
export const COMMAND = {
  Ping: 1,
  GetStats: 10,
  GetSnapshot: 11,
  GetClusterMetadata: 12,
  GetMe: 20,
  GetClient: 21,
  GetClients: 22,
  GetUser: 31,
  GetUsers: 32,
  CreateUser: 33,
  DeleteUser: 34,
  UpdateUser: 35,
  UpdatePermissions: 36,
  ChangePassword: 37,
  LoginUser: 38,
  LogoutUser: 39,
  GetPersonalAccessTokens: 41,
  CreatePersonalAccessToken: 42,
  DeletePersonalAccessToken: 43,
  LoginWithPersonalAccessToken: 44,
  PollMessages: 100,
  SendMessages: 101,
  FlushUnsavedBuffer: 102,
  GetConsumerOffset: 120,
  StoreConsumerOffset: 121,
  DeleteConsumerOffset: 122,
  GetStream: 200,
  GetStreams: 201,
  CreateStream: 202,
  DeleteStream: 203,
  UpdateStream: 204,
  PurgeStream: 205,
  GetTopic: 300,
  GetTopics: 301,
  CreateTopic: 302,
  DeleteTopic: 303,
  UpdateTopic: 304,
  PurgeTopic: 305,
  CreatePartitions: 402,
  DeletePartitions: 403,
  DeleteSegments: 503,
  GetConsumerGroup: 600,
  GetConsumerGroups: 601,
  CreateConsumerGroup: 602,
  DeleteConsumerGroup: 603,
  JoinConsumerGroup: 604,
  LeaveConsumerGroup: 605,
} as const;

export type CommandName = keyof typeof COMMAND;
export type CommandCode = (typeof COMMAND)[CommandName];

const NAME_BY_CODE = new Map<number, CommandName>(Object.entries(COMMAND).map(([name, code]) => [code, name as CommandName]));

/** The command name of a code, or undefined for an unknown code (→ InvalidCommand at dispatch). */
export function commandName(code: number): CommandName | undefined {
  return NAME_BY_CODE.get(code);
}

export function isCommandCode(code: number): code is CommandCode {
  return NAME_BY_CODE.has(code);
}

/** Node SDK 0.8.0 command names that differ from the server's. */
export const SDK_COMMAND_ALIASES: Readonly<Record<string, CommandName>> = {
  GetAccessTokens: 'GetPersonalAccessTokens',
  CreateAccessToken: 'CreatePersonalAccessToken',
  DeleteAccessToken: 'DeletePersonalAccessToken',
  LoginWithAccessToken: 'LoginWithPersonalAccessToken',
  FlushUnsavedBuffers: 'FlushUnsavedBuffer',
  GetOffset: 'GetConsumerOffset',
  StoreOffset: 'StoreConsumerOffset',
  GetGroup: 'GetConsumerGroup',
  GetGroups: 'GetConsumerGroups',
  CreateGroup: 'CreateConsumerGroup',
  DeleteGroup: 'DeleteConsumerGroup',
  JoinGroup: 'JoinConsumerGroup',
  LeaveGroup: 'LeaveConsumerGroup',
};
