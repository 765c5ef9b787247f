/*
 * libFuzzer target: the Hyperopt reader (src/load/hyperopt.c).  The first
 * byte picks the form.  0: one JSON file (trials.trials, trials.results or
 * anything else).  1: a results directory of up to three files made from
 * the rest split at NUL bytes.  Every load must succeed or fail with one
 * line, leaving nothing behind.
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
	static char path[64], dir[64];
	static const char *const files[] = { "a.json", "b.json", "c.pkl" };
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts opts;
	struct hp_err err;
	char file[128], *head;
	size_t part = 0, start = 0;
	FILE *fp;
	int rc;

	if (size < 1)
		return 0;
	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "/tmp/hpfuzz-hyperopt-%ld.json", (long)getpid());
		snprintf(dir, sizeof(dir), "/tmp/hpfuzz-hyperopt-%ld", (long)getpid());
	}
	hp_load_opts_defaults(&opts);
	memset(&err, 0, sizeof(err));
	if (data[0] % 2 == 0) {
		if ((fp = fopen(path, "wb")) == NULL)
			return 0;
		fwrite(data + 1, 1, size - 1, fp);
		fclose(fp);
		head = malloc(size);
		memcpy(head, data + 1, size - 1);
		head[size - 1] = '\0';
		(void)hp_probe_hyperopt(path, head, size - 1);
		free(head);
		rc = hp_load_hyperopt(path, &opts, &set, &err);
	} else {
		mkdir(dir, 0700);
		for (size_t i = 0; i < 3; i++) {
			snprintf(file, sizeof(file), "%s/%s", dir, files[i]);
			unlink(file);
		}
		for (size_t i = 1; i <= size && part < 3; i++)
			if (i == size || data[i] == '\0') {
				snprintf(file, sizeof(file), "%s/%s", dir, files[part++]);
				if ((fp = fopen(file, "wb")) != NULL) {
					fwrite(data + start + 1, 1, i - start - 1, fp);
					fclose(fp);
				}
				start = i;
			}
		(void)hp_probe_hyperopt_dir(dir, NULL, 0);
		rc = hp_load_hyperopt(dir, &opts, &set, &err);
	}
	if (rc < 0 && (set.n != 0 || err.msg[0] == '\0' || strchr(err.msg, '\n')))
		abort();	/* failure: nothing loaded, exactly one line */
	hp_studyset_release(&set);
	return 0;
}
