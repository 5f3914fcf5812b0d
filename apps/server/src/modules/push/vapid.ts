import webpush from 'web-push';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { installationSetting } from '../../db/app-settings';

const VapidKeys = z.object({ publicKey: z.string().min(1), privateKey: z.string().min(1) });
export type VapidKeys = z.infer<typeof VapidKeys>;

/** The installation's VAPID key pair, created on first use and shared by every node. */
export function vapidKeys(db: Db): Promise<VapidKeys> {
  return installationSetting(db, 'vapid', VapidKeys, () => webpush.generateVAPIDKeys());
}
