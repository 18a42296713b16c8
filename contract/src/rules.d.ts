/** Federation container names become JavaScript globals: lower-case identifiers. */
export declare const REMOTE_NAME_PATTERN: RegExp;
export declare const REMOTE_NAME_RULE: string;
/** Routes are lower-case paths of one or more segments, such as `/payments`; never `/`. */
export declare const ROUTE_PATTERN: RegExp;
export declare const ROUTE_RULE: string;
export declare const MAX_ROUTE_LENGTH: number;
/** A semver 2.0 version, as the registry stores it: `1.2.3`, `1.2.3-rc.1`. */
export declare const VERSION_PATTERN: RegExp;
export declare const VERSION_RULE: string;
export declare const MAX_VERSION_LENGTH: number;
/** Owners and visibility are catalog groups: `group:default/payments-team`. */
export declare const GROUP_REF_PATTERN: RegExp;
export declare const GROUP_REF_RULE: string;
/** Subresource-integrity strings the browser understands. */
export declare const INTEGRITY_PATTERN: RegExp;
/** Routes the shell keeps for itself. */
export declare const RESERVED_ROUTES: readonly string[];
export declare const MAX_TITLE_LENGTH: number;
export declare const MAX_DESCRIPTION_LENGTH: number;
