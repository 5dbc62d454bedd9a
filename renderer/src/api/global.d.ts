import type { PartnerDeskApi } from '@shared/api';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in web mode. */
    readonly partnerDesk?: PartnerDeskApi;
  }
}

export {};
