/** File names that are never message templates, shared by the CLI's walk and the language server. */

// Upper-case by convention; matched case-sensitively so a letter template called notice.md is still linted.
const DOC_FILES = /^(README|Readme|readme|CHANGELOG|CHANGES|HISTORY|LICENSE|LICENCE|COPYING|NOTICE|AUTHORS|CONTRIBUTING|CODE_OF_CONDUCT|SECURITY)(\.(md|markdown|txt|rst|adoc|html?))?$/;

export function isRepositoryDoc(name: string): boolean {
  return DOC_FILES.test(name);
}

/** Tool and project files that are JSON / YAML but not message catalogues. */
const TOOL_FILES = /^(package(-lock)?\.json|tsconfig(\..*)?\.json|jsconfig\.json|composer\.json|pnpm-lock\.yaml|yarn\.lock|renovate\.json|\.?dunlint(rc)?(\.config)?\.(json|ya?ml)|dunlint\.config\.(json|ya?ml)|\.dunlintcache|dunlint-baseline.*\.json|.*\.sarif(\.json)?|\.(eslintrc|prettierrc|babelrc|stylelintrc)(\..*)?|\.(gitlab-ci|travis)\.ya?ml|docker-compose\.ya?ml|mkdocs\.ya?ml)$/i;

export function isToolFile(name: string): boolean {
  return TOOL_FILES.test(name);
}
