# hpreport -- a plain Makefile: no configure step, pkg-config finds the
# libraries.  `make demo`, `make check`.
.SUFFIXES:
# GNU make: wildcard and ifeq are used.

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share/hpreport
MANDIR     ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ifeq ($(origin CC),default)
CC = cc
endif
CFLAGS     ?= -O2 -g
PKG_CONFIG ?= pkg-config

PKGS = cairo pangocairo fribidi sqlite3 libcjson libpng libdeflate libpq libmariadb \
       hiredis yaml-0.1
WARN = -std=c11 -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes \
       -Wwrite-strings -Wshadow -Wformat=2 -Wvla -Wpointer-arith -fno-common
ifeq ($(DEVELOPER),1)
WARN += -Werror
endif
# Required flags, kept apart from the user's CFLAGS.
HP_CFLAGS  = $(WARN) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude \
             -pthread \
             $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
HP_LIBS    = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lcsv -llapacke -lopenblas -lm -pthread

BUILD   ?= build
LIBSRC  := $(filter-out src/main.c,$(wildcard src/*.c src/*/*.c))
LIBOBJ  := $(LIBSRC:%.c=$(BUILD)/%.o)
UNITSRC := $(wildcard tests/unit/test_*.c)
UNITBIN := $(UNITSRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZSRC := $(wildcard tests/fuzz/fuzz_*.c)

all: $(BUILD)/hpreport $(BUILD)/hpreport.1

# `make V=1` shows the full commands.
Q = $(if $(filter 1,$(V)),,@)

# Every object depends on the headers it includes (-MMD), public or private.
$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(HP_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# Where the templates are: the installed DATADIR, or this source tree for a
# binary that is still in it.  The stamp changes when DATADIR does, so
# `make install PREFIX=/usr` rebuilds what bakes it in.
$(BUILD)/datadir.stamp: FORCE
	@mkdir -p $(BUILD)
	@echo '$(DATADIR) $(CURDIR)' | cmp -s - $@ || echo '$(DATADIR) $(CURDIR)' > $@
$(BUILD)/src/report/template.o: HP_CFLAGS += -DHP_DATADIR='"$(DATADIR)"' \
    -DHP_SRCDIR='"$(CURDIR)"'
$(BUILD)/src/report/template.o: $(BUILD)/datadir.stamp
FORCE:

$(BUILD)/hpreport.1: src/hpreport.1 $(BUILD)/datadir.stamp
	$(Q)sed 's|@DATADIR@|$(DATADIR)|g' src/hpreport.1 > $@

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

# Debian packages the build and the demo need; `check` adds the tests' own
# (see README).
deps:
	@sh tests/deps.sh build

check-deps:
	@sh tests/deps.sh check

demo: deps all
	$(BUILD)/hpreport samples/study.db -o report
	@echo "open report/index.html"

# The browser test's npm package (playwright-core, driving Debian's chromium).
browser-deps: check-deps
	@test -d tests/browser/node_modules/playwright-core || sh tests/browser/install.sh

check: check-deps browser-deps all $(UNITBIN)
	@sh tests/run.sh $(BUILD)

# The same suite under AddressSanitizer + UndefinedBehaviorSanitizer.
check-sanitize: check-deps
	$(MAKE) BUILD=build-asan CC=gcc \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" all build-asan/tests-all
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	    UBSAN_OPTIONS=print_stacktrace=1 sh tests/run.sh build-asan

$(BUILD)/tests-all: $(UNITBIN)
	@touch $@

bench: all
	@sh tests/deps.sh bench
	@sh tests/bench.sh $(BUILD)

# Every figure of the hard study, the samples and a real study (from
# ../shared, when there) at the default size, 3.5 in and 7 in, PNG and PDF,
# on one page: $(BUILD)/gallery/index.html (tests/gallery.sh).
gallery: deps all
	@sh tests/deps.sh gallery
	@sh tests/gallery.sh $(BUILD)

# libFuzzer targets, one per loader (clang): FUZZ_SECONDS per target
# (default 60), FUZZ_JOBS at once (default 1); see tests/fuzz.sh.
fuzz:
	@sh tests/deps.sh fuzz
	@sh tests/fuzz.sh

regen: all
	@sh tests/run.sh $(BUILD) --regen

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(BUILD)/hpreport $(DESTDIR)$(BINDIR)/hpreport
	install -m 644 templates/* $(DESTDIR)$(DATADIR)/templates/
	install -m 644 $(BUILD)/hpreport.1 $(DESTDIR)$(MANDIR)/man1/hpreport.1
	install -m 644 src/hpreport.bash $(DESTDIR)$(BASHCOMPDIR)/hpreport

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/hpreport $(DESTDIR)$(MANDIR)/man1/hpreport.1 \
	    $(DESTDIR)$(BASHCOMPDIR)/hpreport
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz report

.PHONY: all deps check-deps browser-deps FORCE demo check check-sanitize bench gallery fuzz regen install uninstall clean
