export declare const IMPORT_ALIAS_FOLDERS: Record<'@shared' | '@core' | '@demo-hub', string>;
export declare const IMPORT_ALIASES: Array<{ find: RegExp; replacement: string }>;
