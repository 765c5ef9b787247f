/*
 * libFuzzer target: the MLflow loaders (src/load/mlflow.c).  The first byte
 * picks the form.  0: the tracking database (see fuzz_db.h).  1: a file
 * store built from the rest split at NUL bytes -- experiment meta.yaml,
 * a run's meta.yaml, its metrics/m, params/p/q and tags/mlflow.parentRunId.
 * Every load must succeed or fail with one line, leaving nothing behind.
 */
#include <sys/stat.h>

#include "../../src/load/internal.h"

#include "fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
put(const char *dir, const char *rel, const uint8_t *p, size_t n)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	fp = fopen(path, "wb");
	if (fp == NULL)
		return;
	fwrite(p, 1, n, fp);
	fclose(fp);
}

static void
make_store(const char *dir, const uint8_t *data, size_t size)
{
	static const char *const files[] = { "1/meta.yaml", "1/r/meta.yaml",
	    "1/r/metrics/m", "1/r/params/p/q", "1/r/tags/mlflow.parentRunId" };
	static const char *const dirs[] = { "", "/1", "/1/r", "/1/r/metrics",
	    "/1/r/params", "/1/r/params/p", "/1/r/tags" };
	char path[512];
	size_t part = 0, start = 0;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);	/* the previous input's files */
	}
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", dir, dirs[i]);
		mkdir(path, 0700);
	}
	for (size_t i = 0; i <= size && part < 5; i++)
		if (i == size || data[i] == '\0') {
			put(dir, files[part++], data + start, i - start);
			start = i + 1;
		}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64], dir[64];
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts opts;
	struct hp_err err;
	int mode, rc;
	char *head;

	if (size < 1)
		return 0;
	mode = data[0] % 2;
	data++;
	size--;
	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "/tmp/hpfuzz-mlflow-%ld.db", (long)getpid());
		snprintf(dir, sizeof(dir), "/tmp/hpfuzz-mlruns-%ld", (long)getpid());
	}
	hp_load_opts_defaults(&opts);
	memset(&err, 0, sizeof(err));
	if (mode == 0) {
		if (fuzz_make_db(path, data, size) < 0)
			return 0;
		head = malloc(size + 1);
		memcpy(head, data, size);
		head[size] = '\0';
		(void)hp_probe_mlflow_sqlite(path, head, size);
		free(head);
		rc = hp_load_mlflow_sqlite(path, &opts, &set, &err);
		if (rc < 0) {	/* again with a metric named, to reach the studies */
			opts.metric = "val_loss";
			rc = hp_load_mlflow_sqlite(path, &opts, &set, &err);
		}
	} else {
		make_store(dir, data, size);
		(void)hp_probe_mlflow_dir(dir, NULL, 0);
		rc = hp_load_mlflow_dir(dir, &opts, &set, &err);
	}
	if (rc < 0 && (set.n != 0 || err.msg[0] == '\0' || strchr(err.msg, '\n')))
		abort();	/* failure: nothing loaded, exactly one line */
	hp_studyset_release(&set);
	return 0;
}
