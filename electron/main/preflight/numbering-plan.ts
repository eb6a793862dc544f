import { Metadata, type CountryCode, type NumberType } from 'libphonenumber-js/core';
import maxMetadata from 'libphonenumber-js/max/metadata';

// The library's runtime numbering-plan API (its typings only declare the class), for the readers that reason
// from a country's plan: phone.ts's fast lane and area check, and brazil.ts's check that Brazil's plan is the
// one its lane was worked out from.

export interface TypeDefinition {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}

export interface NumberingPlan {
  callingCode(): string;
  IDDPrefix(): string | undefined;
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  nationalPrefixForParsing(): string | undefined;
  type(type: NumberType): TypeDefinition | undefined;
}

export interface MetadataRuntime {
  numberingPlan: NumberingPlan;
  hasCallingCode(code: string): boolean;
  getCountryCodesForCallingCode(code: string): string[] | undefined;
}

/** The library's full metadata with `country`'s numbering plan selected. */
export function metadataFor(country: CountryCode): MetadataRuntime {
  const metadata = new Metadata(maxMetadata) as unknown as MetadataRuntime & { selectNumberingPlan(country: string): void };
  metadata.selectNumberingPlan(country);
  return metadata;
}
