// The AAM shapes that mapping produces are owned by lib/aam; this module only re-exports them so lib/crm
// files import them from one place (it held a local copy while lib/aam was being written).
export type { Signal } from "../aam/signals";
export type { AamRecord } from "../aam/record";
