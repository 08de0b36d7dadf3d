export * from './schema/campaigns';
export * from './schema/contacts';
export * from './schema/enums';
export * from './schema/imports';
export * from './schema/indicators';
export * from './schema/interactions';
export * from './schema/orders';
export * from './schema/users';
