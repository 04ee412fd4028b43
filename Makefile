# mmu-review — the two set-up commands of the README, and a few helpers.
SHELL := /bin/bash
SWIFT ?= $(shell command -v swift || echo /opt/swift/usr/bin/swift)
DEMO_DIR ?= .build/demo-repo
BIN := .build/release/mmu-review

.PHONY: demo test build release deps man

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

# The manual page, generated from the command's own help (swift-argument-parser's plugin).
man:
	$(SWIFT) package generate-manual --multi-page=false
	cp .build/plugins/GenerateManual/outputs/mmu-review/mmu-review.1 docs/mmu-review.1
