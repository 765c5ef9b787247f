/*
 * libFuzzer target: the W&B readers (src/load/wandb.c).  The first byte
 * picks the form.  0: a runs-table CSV export.  1: a wandb/ directory
 * built from the rest split at NUL bytes -- a run's config.yaml,
 * wandb-summary.json, wandb-metadata.json, wandb-history.jsonl and a
 * sweep's config-<run>.yaml.  Each is loaded without and with --metric;
 * every load must succeed or fail with one line, leaving nothing behind.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/load/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const files[] = { "run-1-a/config.yaml",
	"run-1-a/wandb-summary.json", "run-1-a/wandb-metadata.json",
	"run-1-a/wandb-history.jsonl", "sweep-s/config-a.yaml" };

static void
make_dir(const char *dir, const uint8_t *data, size_t size)
{
	char path[256];
	size_t part = 0, start = 0;
	FILE *fp;

	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/run-1-a", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/sweep-s", dir);
	mkdir(path, 0700);
	for (size_t i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	for (size_t i = 0; i <= size && part < 5; i++)
		if (i == size || data[i] == '\0') {
			snprintf(path, sizeof(path), "%s/%s", dir, files[part++]);
			if ((fp = fopen(path, "wb")) != NULL) {
				fwrite(data + start, 1, i - start, fp);
				fclose(fp);
			}
			start = i + 1;
		}
	if (part < 2) {		/* a run needs its summary to be one */
		snprintf(path, sizeof(path), "%s/%s", dir, files[1]);
		if ((fp = fopen(path, "wb")) != NULL) {
			fputs("{\"m\": 1}", fp);
			fclose(fp);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64], dir[64];
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts opts;
	struct hp_err err;
	int mode;

	if (size < 1)
		return 0;
	mode = data[0] % 2;
	data++;
	size--;
	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "/tmp/hpfuzz-wandb-%ld.csv", (long)getpid());
		snprintf(dir, sizeof(dir), "/tmp/hpfuzz-wandb-%ld", (long)getpid());
	}
	if (mode == 0) {
		FILE *fp = fopen(path, "wb");
		char *head = malloc(size + 1);

		if (fp == NULL) {
			free(head);
			return 0;
		}
		fwrite(data, 1, size, fp);
		fclose(fp);
		memcpy(head, data, size);
		head[size] = '\0';
		(void)hp_probe_wandb_csv(path, head, size);
		free(head);
	} else {
		make_dir(dir, data, size);
		(void)hp_probe_wandb_dir(dir, NULL, 0);
	}
	for (int k = 0; k < 2; k++) {
		int rc;

		hp_load_opts_defaults(&opts);
		opts.metric = k ? "m" : NULL;
		memset(&err, 0, sizeof(err));
		rc = mode == 0 ? hp_load_wandb_csv(path, &opts, &set, &err) :
		    hp_load_wandb_dir(dir, &opts, &set, &err);
		if (rc < 0 && (set.n != 0 || err.msg[0] == '\0' || strchr(err.msg, '\n')))
			abort();	/* failure: nothing loaded, exactly one line */
		hp_studyset_release(&set);
	}
	return 0;
}
