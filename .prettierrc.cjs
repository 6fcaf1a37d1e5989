// Prettier settings for `make lint` (hook "prettier" in .pre-commit-config.yaml,
// which formats the XML files only). OCA's settings for Odoo >= 18
// (oca-addons-repo-template), with two differences:
// - xmlWhitespaceSensitivity "strict" instead of "preserve": prettier never
//   touches text nodes, not even whitespace-only ones between elements, so
//   what QWeb renders and the terms Odoo extracts for translation stay the
//   same; it only lays out the attributes inside tags.
// - tabWidth 4: the XML is indented by 4 (OCA gets 4 from its .editorconfig).
// A .cjs file because the plugin must be resolved with require.resolve: pre-commit
// installs it in its own node environment (NODE_PATH), not in this directory.
/** @type {import('prettier').Config} */
const config = {
    plugins: [require.resolve("@prettier/plugin-xml")],
    bracketSpacing: false,
    printWidth: 88,
    proseWrap: "always",
    semi: true,
    tabWidth: 4,
    trailingComma: "es5",
    xmlWhitespaceSensitivity: "strict",
};

module.exports = config;
