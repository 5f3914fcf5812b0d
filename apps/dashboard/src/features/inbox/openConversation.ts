/** Which conversation is on screen right now (null for none); realtime handlers read it. */
let openId: string | null = null;

export function setOpenConversation(id: string | null): void {
  openId = id;
}

export function getOpenConversation(): string | null {
  return openId;
}
