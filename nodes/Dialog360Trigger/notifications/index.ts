export { splitNotification } from './splitNotification';
export type { NotificationEvent, SplitNotification } from './types';
