# RevenueCycle: the two commands a new machine needs are `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
DOTNET ?= dotnet
SLN := RevenueCycle.sln

.PHONY: faults run run-distributed build restore test test-unit test-integration protos-check helm-lint images bench bench-scrubbing bench-x12 bench-posting bench-cycle bench-eligibility bench-collections bench-path bench-gateway eval fuzz clean

## run: the whole platform in one process (in-memory state, in-process pub/sub); prints the gateway URL and key
run:
	$(DOTNET) run --project services/Platform/RevenueCycle.Platform -c Release -- --Platform:DemoEncounters=40

## run-distributed: one process per service plus the gateway, state in Redis (starts a local redis-server)
run-distributed: build
	tools/prerequisites.sh redis
	$(DOTNET) artifacts/bin/RevenueCycle.Cluster/release/RevenueCycle.Cluster.dll run

restore:
	$(DOTNET) restore $(SLN)

build:
	$(DOTNET) build $(SLN) -c Release --nologo -clp:ErrorsOnly

## test: every test, on a fresh machine: installs what the tests need when it is missing (redis-server) or stops
## with one line saying what to install; the last line is "N passed, N failed"
test:
	tools/test.sh all

## test-unit: the tests that need nothing beyond .NET and ../shared (no Redis, no Docker)
test-unit:
	tools/test.sh unit

## test-integration: the tests that talk to a real Redis (trait Category=Integration; the fixture starts redis-server)
test-integration:
	tools/test.sh integration

## protos-check: every .proto compiles and every rpc has an HTTP annotation (client-streaming rpcs cannot have one)
protos-check:
	$(DOTNET) build protos/RevenueCycle.Contracts.csproj --nologo -clp:ErrorsOnly
	@missing=$$(grep -L "option (google\\.api\\.http)" protos/revenuecycle/*/v1/*_service.proto || true); \
	  if [ -n "$$missing" ]; then echo "no HTTP annotations in: $$missing"; exit 1; fi; \
	  for f in protos/revenuecycle/*/v1/*_service.proto; do \
	    rpcs=$$(grep '^\s*rpc ' $$f | grep -vcE 'rpc +[A-Za-z0-9]+ *[(] *stream '); http=$$(grep -c 'option (google\.api\.http)' $$f); \
	    if [ "$$rpcs" -ne "$$http" ]; then echo "$$f: $$rpcs rpcs, $$http HTTP annotations"; exit 1; fi; \
	  done; echo "protos ok"

## helm-lint: proves the chart renders where helm is installed: helm lint --strict and helm template with several
## value sets, each validated against the Kubernetes schemas (kubeconform); without helm it says so and stops
helm-lint:
	tools/helm-lint.sh

## bench: the speed targets on the real reference data in ../shared (figures go to docs/PERFORMANCE.md);
## bench-scrubbing: the scrubber's BenchmarkDotNet suites (a few minutes more)
BENCH := $(DOTNET) artifacts/bin/RevenueCycle.Benchmarks/release/RevenueCycle.Benchmarks.dll
bench:
	$(DOTNET) build tools/RevenueCycle.Benchmarks -c Release --nologo -v quiet
	$(BENCH) coding
	$(BENCH) scrubbing

## bench-x12: X12 tokenizer/parse/generation speed, streaming working set, node-x12 side by side (~1.3 GB of files)
bench-x12:
	tools/bench-x12.sh

## bench-posting: a generated 835 of a million claim payments imported into a real Redis (needs redis-server)
bench-posting:
	$(DOTNET) build tools/RevenueCycle.Benchmarks -c Release --nologo -v quiet
	@mkdir -p artifacts/bench
	$(BENCH) posting-generate artifacts/bench/posting-10k.835 10000 2
	$(BENCH) posting-import artifacts/bench/posting-10k.835
	$(BENCH) posting-generate artifacts/bench/posting-1m.835 1000000 10
	$(BENCH) posting-import artifacts/bench/posting-1m.835

## bench-cycle: claims through the single-process platform's gateway at once, the 835s answered while their
## claim-submitted events are still queued; how fast the backlog drains and whether every payment meets its claim
bench-cycle:
	$(DOTNET) build tools/RevenueCycle.Benchmarks -c Release --nologo -v quiet
	$(BENCH) cycle-load 2000 1000
	$(BENCH) cycle-load 2000 1

## bench-path: the whole path's throughput, a demo batch of 2,000 encounters at 16 at once through the gateway of the
## single-process platform: encounters per second from eligibility to the 837, until the payments are posted, and each
## stage's p50/p99 (against a running platform: the benchmarks' `path N C --gateway URL --api-key KEY`)
bench-path:
	$(DOTNET) build tools/RevenueCycle.Benchmarks -c Release --nologo -v quiet
	$(BENCH) path 2000 16

## bench-gateway: what the gateway adds to one cheap call (coding's code sets), direct and through the gateway, gRPC
## (the benchmarks' own client) and JSON (wrk, installed from Debian if missing), at 1 and 16 at once: p50/p99, calls a
## second, the added latency and the throughput ratio. Three layouts: the single-process platform (with YARP alone and
## YARP + middleware beside, to split the time), coding and the gateway in their own processes on shared cores, and
## the gateway on a core of its own (taskset; the service, client and wrk on the other)
bench-gateway:
	tools/prerequisites.sh wrk
	$(DOTNET) build tools/RevenueCycle.Benchmarks -c Release --nologo -v quiet
	$(BENCH) gateway 5
	$(BENCH) gateway-processes 5 3
	@if [ "$$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then taskset -c 0 $(BENCH) gateway-processes 5 3 --gateway-core 1; \
	else echo "one core or no taskset: the layout with the gateway on its own core is skipped"; fi

## bench-eligibility: cached checks through the gateway (p50/p99), a 10,000-row schedule against the payer sandbox end
## to end, 271 parse and benefit extraction on the ../shared samples and the sandbox's 271s
bench-eligibility:
	$(DOTNET) build tools/RevenueCycle.Benchmarks -c Release --nologo -v quiet
	$(BENCH) eligibility 10000

## bench-collections: claim-submitted / claim-adjudicated pairs posted to patient ledgers in a real Redis (8 workers), then a
## statement run over 100,000 patient-due accounts and every statement rendered to PDF (needs redis-server)
bench-collections:
	tools/prerequisites.sh redis
	$(DOTNET) build tools/RevenueCycle.Benchmarks -c Release --nologo -v quiet
	$(BENCH) collections-ledger 100000 8
	$(BENCH) collections-statements 100000 8

bench-scrubbing:
	$(DOTNET) build tools/RevenueCycle.Benchmarks -c Release --nologo -v quiet
	$(BENCH) dotnet-benchmarks --filter "*"

## fuzz: coverage-guided fuzzing (SharpFuzz, libFuzzer) of the X12 reader and the 835/837/271 mappers, seeded from
## ../shared/x12-samples; FUZZ_SECONDS per target (300); crashes land in artifacts/fuzz/<target>/ (installs clang if missing)
fuzz:
	tools/fuzz.sh

## faults: the fault suite: every service, the gateway, the payer sandbox and a Redis with an append-only file as
## separate processes; a numbered demo batch run quietly, then again while each service, Redis and the gateway are
## SIGKILLed in turn (the client asks again with the same idempotency keys, as a real one does); every event (an
## internal app's webhook subscription sees them) reconciled per topic and per claim, and the KPIs compared; under
## appendfsync everysec and always. FAULTS_ENCOUNTERS (1000), FAULTS_SEED (7). Ledgers, KPIs and logs in
## artifacts/faults/; exit 1 when anything was lost or doubled. make test runs a short version (FaultSuiteRunTests)
FAULTS_ENCOUNTERS ?= 1000
FAULTS_SEED ?= 7
faults: build
	tools/prerequisites.sh redis
	$(DOTNET) artifacts/bin/RevenueCycle.Cluster/release/RevenueCycle.Cluster.dll faults $(FAULTS_ENCOUNTERS) $(FAULTS_SEED) everysec always

## eval: code-suggestion quality on the public dev files in ../shared/eval
eval:
	./rcm codes eval --negex ../shared/eval/negation/negex-dev.jsonl
	./rcm codes eval --codiesp ../shared/eval/codiesp/dev.jsonl --refdata ../shared/data
	./rcm codes eval --codiesp ../shared/eval/codiesp/dev.jsonl --refdata ../shared/data --history ../shared/eval/codiesp/train.jsonl

## images: one container image per host (needs a Docker engine)
IMAGES := sandbox/RevenueCycle.Sandbox.Api eligibility/RevenueCycle.Eligibility.Api coding/RevenueCycle.Coding.Api scrubbing/RevenueCycle.Scrubbing.Api \
	submission/RevenueCycle.Submission.Api posting/RevenueCycle.Posting.Api collections/RevenueCycle.Collections.Api webhooks/RevenueCycle.Webhooks.Api
REGISTRY ?= ghcr.io/revenuecycle
TAG ?= 0.1.0
images:
	@for p in $(IMAGES); do docker build --build-arg PROJECT=services/$$p -t $(REGISTRY)/revenuecycle-$${p%%/*}:$(TAG) .; done
	docker build --build-arg PROJECT=gateway/RevenueCycle.Gateway -t $(REGISTRY)/revenuecycle-gateway:$(TAG) .

clean:
	rm -rf artifacts
