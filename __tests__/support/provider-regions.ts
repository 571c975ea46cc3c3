type Resources = Record<string, Record<string, Record<string, unknown>>>;

interface SynthesizedJson {
  readonly provider?: { readonly aws?: readonly { readonly alias?: string; readonly region?: string }[] };
  readonly resource?: Resources;
}

/**
 * The resources of a synthesized stack, each with the `region` its provider places it in: the
 * stacks name a resource's Region through a provider alias, never the resource-level `region`
 * argument of hashicorp/aws 6.x (throws if one has it), so tests read the Region this way.
 */
export function resourcesInRegions(json: SynthesizedJson): Resources {
  const regionOf = new Map((json.provider?.aws ?? []).map((p) => [p.alias ? `aws.${p.alias}` : 'aws', p.region]));
  return Object.fromEntries(
    Object.entries(json.resource ?? {}).map(([type, byName]) => [
      type,
      Object.fromEntries(
        Object.entries(byName).map(([name, resource]) => {
          if ('region' in resource) throw new Error(`${type}.${name} has the resource-level region argument (hashicorp/aws 6.x only)`);
          return [name, { ...resource, region: regionOf.get(typeof resource.provider === 'string' ? resource.provider : 'aws') }];
        }),
      ),
    ]),
  );
}
