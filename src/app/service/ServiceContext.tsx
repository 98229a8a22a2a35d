// Finesse's service status for the views: whether changes are paused, and the line that says why.
import { createContext, useContext } from 'react';
import { IN_SERVICE, type Service } from '../../host/serviceWatch.ts';

/** The id of the one line saying why changes are paused: paused controls are described by it. */
export const SERVICE_LINE_ID = 'finesse-service-line';

export interface ServiceState {
  service: Service;
  /** Since when (epoch ms) Finesse has not been in service; null while it is. */
  downSince: number | null;
}

const ServiceContext = createContext<ServiceState>({
  service: IN_SERVICE,
  downSince: null,
});

export const ServiceProvider = ServiceContext.Provider;

export function useServiceState(): ServiceState {
  return useContext(ServiceContext);
}

export function useService(): Service {
  return useContext(ServiceContext).service;
}

/**
 * Whether changes are paused (Finesse not in service, its web services down, or not answering);
 * `describedBy` points a disabled control at the line that says why. Controls stay on screen,
 * disabled, so nothing moves and what the user had chosen is still there when Finesse is back.
 */
export function useServicePause(): { paused: boolean; describedBy: string | undefined } {
  const paused = useService().kind !== 'inService';
  return { paused, describedBy: paused ? SERVICE_LINE_ID : undefined };
}
