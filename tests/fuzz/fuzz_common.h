/*
 * fuzz_common: the body every loader's libFuzzer target shares.  The input
 * bytes go to a temporary file (the loaders read files, as hpreport does),
 * the format's probe looks at them, then the loader runs; a study that
 * loads is released again so leaks show; a failed load must leave
 * nothing behind and say why in one line.  Define FUZZ_LOAD and FUZZ_PROBE
 * before including this file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/load/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts opts;
	struct hp_err err;
	char *head;
	FILE *fp;

	if (path[0] == '\0')
		snprintf(path, sizeof(path), "/tmp/hpfuzz-%ld.in", (long)getpid());
	fp = fopen(path, "wb");
	if (fp == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	head = malloc(size + 1);
	memcpy(head, data, size);
	head[size] = '\0';
	(void)FUZZ_PROBE(path, head, size);
	free(head);
	hp_load_opts_defaults(&opts);
	memset(&err, 0, sizeof(err));
	if (FUZZ_LOAD(path, &opts, &set, &err) < 0 &&
	    (set.n != 0 || err.msg[0] == '\0' || strchr(err.msg, '\n')))
		abort();	/* failure: nothing loaded, exactly one line */
	hp_studyset_release(&set);
	return 0;
}
