package app

import (
	"io/fs"
	"net/http"

	"github.com/gorilla/mux"

	sdkdocs "github.com/cosmos/cosmos-sdk/client/docs"

	"github.com/flockchain/flockd/docs"
)

// registerSwagger serves flockd's OpenAPI document and a Swagger UI for it
// under /swagger/ when the API's swagger option is on (app.toml [api]
// swagger = true; the localnet turns it on). The UI's HTML, JS and CSS are the
// ones the SDK embeds in its Go module, so nothing is fetched from a CDN; its
// index loads ./swagger.yaml, which here is our merged document instead of the
// SDK's. /swagger/openapi.yml is the same document under its repository name.
func registerSwagger(rtr *mux.Router, enabled bool) error {
	if !enabled {
		return nil
	}
	ui, err := fs.Sub(sdkdocs.SwaggerUI, "swagger-ui")
	if err != nil {
		return err
	}
	serveDoc := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/yaml")
		_, _ = w.Write(docs.OpenAPI)
	}
	// Exact routes first: gorilla/mux matches in registration order.
	rtr.HandleFunc("/swagger/swagger.yaml", serveDoc).Methods(http.MethodGet, http.MethodHead)
	rtr.HandleFunc("/swagger/openapi.yml", serveDoc).Methods(http.MethodGet, http.MethodHead)
	rtr.Handle("/swagger", http.RedirectHandler("/swagger/", http.StatusMovedPermanently))
	rtr.PathPrefix("/swagger/").Handler(http.StripPrefix("/swagger/", http.FileServer(http.FS(ui))))
	return nil
}
