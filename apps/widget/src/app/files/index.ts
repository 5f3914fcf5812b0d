/**
 * The files chunk (loaded by the chat window when the site takes files or a message carries
 * one): uploads, links, attachments and the image viewer. Nothing of it is in app.js.
 */
export { acceptAttribute } from '@parley/protocol/file-types';
export { FILES_CSS } from './css';
export { Lightbox } from './lightbox';
export { uploadsFor, type Upload, type Uploads } from './uploads';
export { Attachment, PendingUpload } from './view';
