// Display names shared by pages; values are the database enums.
export const ID_TYPE_LABELS: Record<string, string> = {
  dpuuid: "Customer ID (DPUUID)",
  aam_uuid: "Audience Manager UUID",
  gaid: "Android GAID",
  idfa: "iOS IDFA",
  rida: "Roku RIDA",
  maid: "Microsoft MAID",
  tifa: "Samsung TIFA",
  fire_tv: "Amazon Fire TV",
  lgudid: "LG webOS LGUDID",
  vizio_ifa: "Vizio IFA",
};

export const STATUS_LABELS: Record<string, string> = {
  received: "Received",
  validated: "Validated",
  converted: "Converted",
  delivered: "Delivered",
  processed: "Processed",
  failed: "Failed",
};
