# 质效 zhixiao. The two commands of the README: `make run` and `make test`.
GO        ?= go
BIN       := bin/zhixiao
DB        ?= ./zhixiao.db
ADDR      ?= :8080
PLATFORMS := linux/amd64 linux/arm64 linux/loong64
PKGS      := ./...

export CGO_ENABLED ?= 0

# apt_install(packages, command that proves them, what happens without them):
# installs Debian packages when the command or the CJK fonts are missing.
define apt_install
missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
if [ -n "$$missing" ]; then \
	echo "installing Debian packages:$$missing"; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	{ $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; } \
	|| echo "$(2) could not be installed: $(3)"; \
fi
endef

.PHONY: run test build bench assets deps chromium postgres fmt-check vet cross clean fuzz

## run: demo data into $(DB) if it is not there, then serve it
run: assets
	$(GO) build -o $(BIN) ./cmd/zhixiao
	@if [ ! -f "$(DB)" ]; then ./$(BIN) demo --db "$(DB)"; fi
	./$(BIN) serve --db "$(DB)" --addr "$(ADDR)" --demo-accounts

## test: everything that can fail: formatting, vet, tests on SQLite and PostgreSQL, browser tests, cross-builds
test: assets chromium postgres fmt-check vet cross
	$(GO) test -count=1 -timeout 25m $(PKGS)
	CGO_ENABLED=1 $(GO) test -count=1 -race -timeout 10m ./internal/court/... ./internal/ingest/... ./internal/auth/...

## bench: the benchmarks of the issues, benchstat-friendly
bench: assets postgres
	@$(call apt_install,wrk,wrk,the web load test will be skipped)
	$(GO) test -run '^$$' -bench 'BenchmarkImportCases|BenchmarkDemoCommand' -benchtime 1x -count 3 -timeout 1h ./internal/importer ./cmd/zhixiao
	bash scripts/bench.sh
	ZHIXIAO_BENCH_DB=$${ZHIXIAO_BENCH_DIR:-$${TMPDIR:-/tmp}/zhixiao-bench}/demo_$${ZHIXIAO_BENCH_CASES:-3000000}_s1.db \
		$(GO) test -run '^$$' -bench 'BenchmarkDashboard' -benchtime 20x -timeout 30m ./internal/web
	@for m in assessment supervision petitions documents deid judgments; do \
		if [ -f scripts/bench_$$m.sh ]; then bash scripts/bench_$$m.sh || exit 1; fi; \
	done
	@command -v wrk >/dev/null 2>&1 && bash scripts/bench_web.sh || echo "wrk missing: web load test skipped"

## build: cross-builds for the servers courts buy
build: assets cross

cross:
	@for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; \
		echo "build $$os/$$arch"; \
		GOOS=$$os GOARCH=$$arch CGO_ENABLED=0 $(GO) build -trimpath -o bin/zhixiao-$$os-$$arch ./cmd/zhixiao || exit 1; \
	done

assets:
	bash scripts/assets.sh

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './web/node_modules/*')); \
	if [ -n "$$out" ]; then echo "gofmt: not formatted:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

fuzz:
	$(GO) test -run XXX -fuzz FuzzParseCaseNo -fuzztime 60s ./internal/court

## chromium: the browser tests drive Debian's chromium; install it when missing
chromium:
	@$(call apt_install,chromium fonts-noto-cjk fonts-arphic-gbsn00lp libreoffice-writer-nogui poppler-utils,chromium,browser tests will be skipped (and fail under CI=true))

## postgres: start the local PostgreSQL when it is installed but down
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || { \
		command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ] && \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start 2>/dev/null; \
		pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || echo "PostgreSQL is not reachable at 127.0.0.1:5432: its tests will be skipped (and fail under CI=true)"; }

clean:
	rm -rf bin test-artifacts
