# mmu-review — the two set-up commands of the README, and a few helpers.
SHELL := /bin/bash
SWIFT ?= $(shell command -v swift || echo /opt/swift/usr/bin/swift)
DEMO_DIR ?= .build/demo-repo
BIN := .build/release/mmu-review

.PHONY: demo test build release deps man bench fuzz-build fuzz-smoke fuzz

# libgit2 (and pkg-config, which SwiftPM uses to find it), from Debian's packages.
deps:
	@if ! pkg-config --exists libgit2 2>/dev/null; then \
		echo "installing libgit2-dev and pkg-config (apt-get)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libgit2-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Build the bundled example series as a git repository, then review it twice: from
# git (the last five commits) and as mailed patches (examples/demo-series.mbox).
demo: release
	@bash examples/make-demo-repo.sh $(DEMO_DIR)
	@echo; echo "== mmu-review HEAD~5..HEAD  (in $(DEMO_DIR))"; echo
	@$(BIN) -C $(DEMO_DIR) HEAD~5..HEAD --fail-on never
	@echo; echo "== mmu-review examples/demo-series.mbox --format json"; echo
	@$(BIN) examples/demo-series.mbox --format json --fail-on never

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# docs/performance.md's figures: the bench repository range and the kvm-ppc archive against
# git log -p and checkpatch.pl (extracted from linux-source-6.12), RSS, hook latency, model.
# BENCH_ARGS=--repo /path/to/kvm-bench reuses a built bench repository.
bench: deps
	python3 scripts/bench --checkpatch auto $(BENCH_ARGS)

# Fuzzing (docs/fuzzing.md): libFuzzer + AddressSanitizer builds in their own scratch path,
# so the normal .build is never rebuilt with sanitizer flags. A target is one
# Sources/Fuzz<Name>/main.swift plus its Package.swift line; list it here too.
FUZZ_TARGETS := FuzzMailParser FuzzUnifiedDiff FuzzCLexer FuzzConditionParser
FUZZ_BUILD := $(SWIFT) build -c debug --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
FUZZ_SECONDS ?= 15

fuzz-build: deps
	@mkdir -p .build-fuzz
	@for t in $(FUZZ_TARGETS); do \
		$(FUZZ_BUILD) --product $$t > .build-fuzz/build-$$t.log 2>&1 \
			|| { grep -v "Cannot export local symbol" .build-fuzz/build-$$t.log | tail -30; echo "fuzz-build: $$t did not build" >&2; exit 1; }; \
		grep -E "Build of product" .build-fuzz/build-$$t.log; \
	done

# Each target for FUZZ_SECONDS (15 s: the CI smoke run) from its seed corpus; new inputs go
# to a scratch corpus, never into Tests/Fuzz. Fails on the first crash, leak or timeout.
fuzz-smoke: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		work=$$(mktemp -d); \
		echo "== $$t for $(FUZZ_SECONDS) s"; \
		.build-fuzz/debug/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
			-dict=Tests/Fuzz/$$t.dict -artifact_prefix=.build-fuzz/crash-$$t- -print_final_stats=1 \
			$$work Tests/Fuzz/corpus-$$t > .build-fuzz/$$t.log 2>&1 \
			|| { tail -40 .build-fuzz/$$t.log; rm -rf $$work; echo "fuzz-smoke: $$t failed (input saved as .build-fuzz/crash-$$t-*)" >&2; exit 1; }; \
		grep -E "^stat::(number_of_executed_units|average_exec_per_sec)|DONE" .build-fuzz/$$t.log; \
		rm -rf $$work; \
	done

# A long local run: make fuzz FUZZ_SECONDS=600 (keeps its corpus in .build-fuzz/corpus-<target>).
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p .build-fuzz/corpus-$$t; \
		.build-fuzz/debug/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
			-dict=Tests/Fuzz/$$t.dict -artifact_prefix=.build-fuzz/crash-$$t- -print_final_stats=1 \
			.build-fuzz/corpus-$$t Tests/Fuzz/corpus-$$t || exit 1; \
	done

# The manual page, generated from the command's own help (swift-argument-parser's plugin).
man:
	$(SWIFT) package generate-manual
	cp .build/plugins/GenerateManual/outputs/mmu-review/mmu-review.1 docs/mmu-review.1
