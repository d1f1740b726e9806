// The flockd TypeScript client: REST queries decoded with the generated
// types, the CosmJS registry and amino converters for x/modeltoken, and a
// signer with one method per user action. Other frontends can import this
// directory on its own (it does not depend on the app's pages).
export * from "./rest.js";
export * from "./registry.js";
export * from "./amino.js";
export * from "./signing.js";
export * from "./wallet.js";
export * from "./format.js";
