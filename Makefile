# flockd developer entry points. The two a newcomer needs:
#   make localnet   build flockd and run a local single-validator chain
#   make test       run every test (unit + end-to-end)

VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo unknown)
COMMIT  := $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
# -s -w: no symbol table or DWARF in the release binary (a third smaller).
LDFLAGS := -s -w -X github.com/cosmos/cosmos-sdk/version.Name=flockd \
	-X github.com/cosmos/cosmos-sdk/version.AppName=flockd \
	-X github.com/cosmos/cosmos-sdk/version.Version=$(VERSION) \
	-X github.com/cosmos/cosmos-sdk/version.Commit=$(COMMIT)
BUILD_DIR ?= $(CURDIR)/build
GO ?= go
TEST_TIMEOUT ?= 25m

.PHONY: all build install release econ-report test test-ibc web-deps test-web-unit fuzz test-unit test-e2e bench bench-e2e bench-attester localnet localnet-stop localnet-multi localnet-multi-stop proto-gen proto-check tidy-check lint clean

all: build

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BUILD_DIR)/flockd ./cmd/flockd

install:
	$(GO) install -trimpath -ldflags '$(LDFLAGS)' ./cmd/flockd

## test: everything: unit, simulation, end-to-end (the e2e tests build flockd
## themselves) and every fuzz target's seed corpus (plain go test runs the
## f.Add seeds and testdata/fuzz). Random fuzzing is `make fuzz`.
## The e2e tests run in parallel (each on its own node and ports): they
## mostly wait for blocks and epochs, so 5 at once fit 2 cores.
TEST_PARALLEL ?= 5
test: test-web-unit test-ibc
	$(GO) test -count=1 -parallel $(TEST_PARALLEL) -timeout $(TEST_TIMEOUT) ./...

## test-ibc: ICS-20 between two in-process flockd chains with ibc-go's own
## testing package, which needs a workspace to build with SDK v0.55 (see
## scripts/ibc-testing-work.sh)
test-ibc:
	GOWORK="$$(./scripts/ibc-testing-work.sh)" $(GO) test -tags ibctesting -count=1 -timeout 10m ./tests/ibc/

## web-deps: the web app's npm packages, from the committed lockfile
web-deps:
	@if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then \
		cd web && npm ci --no-audit --no-fund --loglevel=error; fi

## test-web-unit: the TypeScript client's type check and unit tests (the
## browser test against a node is TestWebAppInBrowser in tests/e2e)
test-web-unit: web-deps
	cd web && npx tsc --noEmit && npx vitest run

## fuzz: random fuzzing of every fuzz target for FUZZTIME each, with progress
## (e.g. make fuzz FUZZTIME=5m)
FUZZTIME ?= 30s
fuzz:
	./scripts/fuzz.sh $(FUZZTIME)

## test-unit: the fast tests only (no node is started)
test-unit:
	$(GO) test -count=1 -short -timeout 10m ./...

## test-e2e: only the end-to-end tests against a real node
test-e2e:
	$(GO) test -count=1 -parallel $(TEST_PARALLEL) -timeout $(TEST_TIMEOUT) -v ./tests/e2e/...

## release: reproducible static binaries (flockd, flock-attester) for
## linux/amd64 and linux/arm64 with SHA-256 checksums in dist/
release:
	./scripts/release.sh

## bench: Go benchmarks; results are recorded in docs/benchmarks.md
bench:
	$(GO) test -run '^$$' -bench . -benchtime 5x -benchmem ./x/...

## bench-e2e: usage ingest through a real node (rows/s, block times, bytes per tx,
## a bank-send baseline, the keeper-level figure); BASE=<commit> also builds and
## measures that commit in the same run. Results: docs/benchmarks.md.
bench-e2e:
	$(GO) run ./scripts/bench-e2e $(BENCH_E2E_FLAGS)

## bench-attester: 1,000,000 billing events of 100,000 users in PostgreSQL,
## read, aggregated and posted through a real node by the attester service
## (events/s, rows/s, memory). Results: docs/benchmarks.md.
bench-attester:
	$(GO) run ./scripts/bench-attester $(BENCH_ATTESTER_FLAGS)

localnet:
	./scripts/localnet.sh

localnet-stop:
	./scripts/localnet.sh stop

## localnet-multi: four validators on loopback (see scripts/localnet-multi.sh)
localnet-multi:
	./scripts/localnet-multi.sh

localnet-multi-stop:
	./scripts/localnet-multi.sh stop

proto-gen:
	./scripts/protocgen.sh

## proto-check: regenerate and fail if the committed Go, TypeScript (web/src/gen) or docs/openapi.yml differs
proto-check: proto-gen
	@git diff --exit-code -- '*.pb.go' '*.pb.gw.go' docs/openapi.yml web/src/gen || { echo "generated proto code, web/src/gen or docs/openapi.yml is stale: run make proto-gen and commit"; exit 1; }
	@test -z "$$(git status --porcelain -- '*.pb.go' '*.pb.gw.go' docs/openapi.yml web/src/gen)" || { git status --porcelain -- '*.pb.go' '*.pb.gw.go' docs/openapi.yml web/src/gen; echo "untracked generated files"; exit 1; }

## tidy-check: fail if go mod tidy would change go.mod or go.sum
tidy-check:
	$(GO) mod tidy -diff

clean:
	rm -rf $(BUILD_DIR) .localnet .localnet-multi

## econ-report: regenerate docs/economics.md and docs/economics/ (the real keeper, in memory)
econ-report:
	$(GO) run ./scripts/econ report -out docs
