/*
 * fuzz_dir: the body of the fuzz targets whose format is a directory of
 * files (Keras Tuner, SMAC3).  The input bytes, split at NUL bytes, become
 * the files FUZZ_FILES names (sub-directories made first) in a per-process
 * directory; the format's probe looks at it, the loader runs, and a load
 * must succeed or fail with one line, leaving nothing behind.  Define
 * FUZZ_PROBE, FUZZ_LOAD, FUZZ_DIRS and FUZZ_FILES before including it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/load/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const dirs[] = FUZZ_DIRS;
	static const char *const files[] = FUZZ_FILES;
	static char dir[64];
	const size_t nfiles = sizeof(files) / sizeof(files[0]);
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts opts;
	struct hp_err err;
	char path[512];
	size_t part = 0, start = 0;

	if (dir[0] == '\0')
		snprintf(dir, sizeof(dir), "/tmp/hpfuzz-dir-%ld", (long)getpid());
	mkdir(dir, 0700);
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, dirs[i]);
		mkdir(path, 0700);
	}
	for (size_t i = 0; i < nfiles; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);	/* the previous input's files */
	}
	for (size_t i = 0; i <= size && part < nfiles; i++)
		if (i == size || data[i] == '\0') {
			FILE *fp;

			snprintf(path, sizeof(path), "%s/%s", dir, files[part++]);
			if ((fp = fopen(path, "wb")) != NULL) {
				fwrite(data + start, 1, i - start, fp);
				fclose(fp);
			}
			start = i + 1;
		}
	(void)FUZZ_PROBE(dir, NULL, 0);
	hp_load_opts_defaults(&opts);
	memset(&err, 0, sizeof(err));
	if (FUZZ_LOAD(dir, &opts, &set, &err) < 0 &&
	    (set.n != 0 || err.msg[0] == '\0' || strchr(err.msg, '\n')))
		abort();	/* failure: nothing loaded, exactly one line */
	hp_studyset_release(&set);
	return 0;
}
