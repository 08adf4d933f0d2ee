/** Channel names of the recalls domain (campaigns per vehicle, refresh from NHTSA). */
export const RECALLS_INVOKE_CHANNELS = ['recalls:forVehicle', 'recalls:refresh'] as const;
export const RECALLS_EVENT_CHANNELS = ['recalls:progress'] as const;
