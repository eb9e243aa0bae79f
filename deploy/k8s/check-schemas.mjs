// Checks every manifest listed in kustomization.yaml against the Kubernetes API schemas that kubernetes-models
// bundles (offline). Resources of operators (CloudNativePG) are listed as not checked: no schema ships for them.
// Usage: npm ci && node check-schemas.mjs      Exit code 1 when a manifest is invalid.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const kustomization = parseAllDocuments(readFileSync(join(here, "kustomization.yaml"), "utf8"))[0].toJS();
const groupFolder = (apiVersion) => (apiVersion.includes("/") ? apiVersion : `v1/${apiVersion}`).replace(/^v1\/v1$/, "v1");

let invalid = 0;
let checked = 0;
for (const file of kustomization.resources) {
  for (const document of parseAllDocuments(readFileSync(join(here, file), "utf8"))) {
    const manifest = document.toJS();
    if (!manifest) continue;
    const where = `${file}: ${manifest.kind} ${manifest.metadata?.name}`;
    const module = manifest.apiVersion === "v1" ? `kubernetes-models/v1/${manifest.kind}`
      : `kubernetes-models/${groupFolder(manifest.apiVersion)}/${manifest.kind}`;
    let Model;
    try {
      Model = (await import(module))[manifest.kind];
    } catch {
      console.log(`not checked (no bundled schema): ${where} (${manifest.apiVersion})`);
      continue;
    }
    try {
      new Model(manifest).validate();
      checked++;
      console.log(`valid: ${where}`);
    } catch (error) {
      invalid++;
      console.log(`INVALID: ${where}\n  ${String(error.message ?? error).split("\n").join("\n  ")}`);
    }
  }
}
console.log(`kubernetes schemas: ${checked} valid, ${invalid} invalid`);
process.exit(invalid === 0 && checked > 0 ? 0 : 1);
