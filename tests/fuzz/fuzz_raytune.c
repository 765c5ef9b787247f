/*
 * libFuzzer target: the Ray Tune reader (src/load/raytune.c).  The input,
 * split at NUL bytes, becomes an experiment directory: its
 * experiment_state-*.json, then one trial directory's params.json,
 * result.json and progress.csv (an empty part is a file left out).  The
 * probe looks at it, then the loader runs, first as it is and, when that
 * fails, again with --metric loss to reach the study building.  Every
 * load must succeed or fail with one line, leaving nothing behind.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/load/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const files[] = {
	"experiment_state-2025-01-01_00-00-00.json",
	"t_a_00000_0_x=1/params.json",
	"t_a_00000_0_x=1/result.json",
	"t_a_00000_0_x=1/progress.csv",
};

static void
make_experiment(const char *dir, const uint8_t *data, size_t size)
{
	char path[512];
	size_t part = 0, start = 0;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);	/* the previous input's files */
	}
	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/t_a_00000_0_x=1", dir);
	mkdir(path, 0700);
	for (size_t i = 0; i <= size && part < 4; i++)
		if (i == size || data[i] == '\0') {
			FILE *fp;

			snprintf(path, sizeof(path), "%s/%s", dir, files[part++]);
			/* an empty part is a file left out */
			if (i > start && (fp = fopen(path, "wb")) != NULL) {
				fwrite(data + start, 1, i - start, fp);
				fclose(fp);
			}
			start = i + 1;
		}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char dir[64];
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts opts;
	struct hp_err err;
	int rc;

	if (dir[0] == '\0')
		snprintf(dir, sizeof(dir), "/tmp/hpfuzz-ray-%ld", (long)getpid());
	make_experiment(dir, data, size);
	(void)hp_probe_raytune(dir, NULL, 0);
	hp_load_opts_defaults(&opts);
	memset(&err, 0, sizeof(err));
	rc = hp_load_raytune(dir, &opts, &set, &err);
	if (rc < 0 && (set.n != 0 || err.msg[0] == '\0' || strchr(err.msg, '\n')))
		abort();
	if (rc < 0) {
		opts.metric = "loss";
		memset(&err, 0, sizeof(err));
		rc = hp_load_raytune(dir, &opts, &set, &err);
	}
	if (rc < 0 && (set.n != 0 || err.msg[0] == '\0' || strchr(err.msg, '\n')))
		abort();	/* failure: nothing loaded, exactly one line */
	hp_studyset_release(&set);
	return 0;
}
