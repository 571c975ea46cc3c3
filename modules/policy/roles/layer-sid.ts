/**
 * A layer name as a Sid suffix ("Workloads/Prod" -> "WorkloadsProd"): a role policy holds the
 * statements of several layers, and IAM wants every Sid of a policy to be unique.
 */
export function layerSid(layer: string): string {
  return layer
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => `${part[0]?.toUpperCase() ?? ''}${part.slice(1)}`)
    .join('');
}
