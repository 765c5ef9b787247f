# hpreport -- plain Makefile (STYLE.md).  `make demo`, `make check`.
.SUFFIXES:
# GNU make: wildcard and ifeq are used.

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share/hpreport
ifeq ($(origin CC),default)
CC = cc
endif
CFLAGS     ?= -O2 -g
PKG_CONFIG ?= pkg-config

PKGS = cairo pangocairo sqlite3 libcjson libpng libdeflate
WARN = -std=c11 -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes \
       -Wwrite-strings -Wshadow -Wformat=2 -Wvla -Wpointer-arith -fno-common
ifeq ($(DEVELOPER),1)
WARN += -Werror
endif
# Required flags, kept apart from the user's CFLAGS.
HP_CFLAGS  = $(WARN) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude \
             -DHP_DATADIR='"$(DATADIR)"' -pthread \
             $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
HP_LIBS    = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lcsv -llapacke -lopenblas -lm -pthread

BUILD   ?= build
LIBSRC  := $(filter-out src/main.c,$(wildcard src/*.c src/*/*.c))
LIBOBJ  := $(LIBSRC:%.c=$(BUILD)/%.o)
UNITSRC := $(wildcard tests/unit/test_*.c)
UNITBIN := $(UNITSRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZSRC := $(wildcard tests/fuzz/fuzz_*.c)

all: $(BUILD)/hpreport

# `make V=1` shows the full commands.
Q = $(if $(filter 1,$(V)),,@)

$(BUILD)/%.o: %.c $(wildcard include/hpreport/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(HP_CFLAGS) $(CFLAGS) -c $< -o $@

# Objects are linked directly (no archive): files in different directories
# may share a base name.
$(BUILD)/hpreport: $(BUILD)/src/main.o $(LIBOBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(HP_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIBOBJ)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(HP_CFLAGS) $(CFLAGS) $(LDFLAGS) -Itests/unit -o $@ $< $(LIBOBJ) \
	    $(HP_LIBS) -lcmocka

# Debian packages the build, the tests and the demo need (see README).
deps:
	@sh tests/deps.sh

demo: deps all
	$(BUILD)/hpreport samples/study.db -o report
	@echo "open report/index.html"

# The browser test's npm package (playwright-core, driving Debian's chromium).
browser-deps: deps
	@test -d tests/browser/node_modules/playwright-core || sh tests/browser/install.sh

check: deps browser-deps all $(UNITBIN)
	@sh tests/run.sh $(BUILD)

# The same suite under AddressSanitizer + UndefinedBehaviorSanitizer.
check-sanitize: deps
	$(MAKE) BUILD=build-asan CC=gcc \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" all build-asan/tests-all
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	    UBSAN_OPTIONS=print_stacktrace=1 sh tests/run.sh build-asan

$(BUILD)/tests-all: $(UNITBIN)
	@touch $@

bench: all
	@sh tests/bench.sh $(BUILD)

# libFuzzer targets, one per loader (clang): FUZZ_SECONDS per target
# (default 60), FUZZ_JOBS at once (default 1); see tests/fuzz.sh.
fuzz:
	@sh tests/fuzz.sh

regen: all
	@sh tests/run.sh $(BUILD) --regen

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates
	cp $(BUILD)/hpreport $(DESTDIR)$(BINDIR)/hpreport
	cp -R templates/. $(DESTDIR)$(DATADIR)/templates/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/hpreport
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz report

.PHONY: all deps browser-deps demo check check-sanitize bench fuzz regen install uninstall clean
