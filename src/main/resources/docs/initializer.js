// Swagger UI on this server's own OpenAPI document. Its script is a file, not inline, for the page's
// Content-Security-Policy (script-src 'self'). No validator badge: it would send the document to
// validator.swagger.io.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  layout: "BaseLayout",
  validatorUrl: null,
  defaultModelsExpandDepth: 0,
  displayRequestDuration: true,
  persistAuthorization: false,
});
