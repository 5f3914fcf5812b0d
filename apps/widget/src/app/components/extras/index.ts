/**
 * The chat window's forms and cards: the pre-chat form, the offline form and its confirmation,
 * the rating card and the transcript flow. They travel in the window's lazily loaded chunk,
 * with their CSS (`./css`) and their English texts (`i18n/en-extra`).
 */
export { Csat } from './Csat';
export { OfflineForm, OfflineSent } from './OfflineForm';
export { PreChatForm } from './PreChatForm';
export { Transcript } from './Transcript';
