/** The source of a risk as one text: "VoR 2025", not "VoR – VoR 2025"; the type alone when the name says no more. */
export function sourceText(type: string, label: string | null | undefined): string {
  const name = label?.trim();
  if (!name) return type;
  return name.toLocaleLowerCase('sv-SE').startsWith(type.toLocaleLowerCase('sv-SE')) ? name : `${type} – ${name}`;
}
