/*
 * libFuzzer target: the NNI loaders (src/load/nni.c).  The first byte picks
 * the form -- 0 export JSON, 1 export CSV, 2 nni.sqlite (see fuzz_db.h) --
 * and the rest is the input.  Every load must succeed or fail with one
 * line; a failed load must leave nothing behind.
 */
#include "../../src/load/internal.h"

#include "fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct hp_studyset set = { NULL, 0 };
	struct hp_load_opts opts;
	struct hp_err err;
	int mode, rc;
	char *head;
	FILE *fp;

	if (size < 1)
		return 0;
	mode = data[0] % 3;
	data++;
	size--;
	if (path[0] == '\0')
		snprintf(path, sizeof(path), "/tmp/hpfuzz-nni-%ld.in", (long)getpid());
	if (mode == 2) {
		if (fuzz_make_db(path, data, size) < 0)
			return 0;
	} else {
		fp = fopen(path, "wb");
		if (fp == NULL)
			return 0;
		fwrite(data, 1, size, fp);
		fclose(fp);
	}
	head = malloc(size + 1);
	memcpy(head, data, size);
	head[size] = '\0';
	hp_load_opts_defaults(&opts);
	memset(&err, 0, sizeof(err));
	if (mode == 0) {
		(void)hp_probe_nni_json(path, head, size);
		rc = hp_load_nni_json(path, &opts, &set, &err);
	} else if (mode == 1) {
		(void)hp_probe_nni_csv(path, head, size);
		rc = hp_load_nni_csv(path, &opts, &set, &err);
	} else {
		(void)hp_probe_nni_sqlite(path, head, size);
		rc = hp_load_nni_sqlite(path, &opts, &set, &err);
	}
	free(head);
	if (rc < 0 && (set.n != 0 || err.msg[0] == '\0' || strchr(err.msg, '\n')))
		abort();	/* failure: nothing loaded, exactly one line */
	hp_studyset_release(&set);
	return 0;
}
