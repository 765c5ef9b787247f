/*
 * test_interp: the contour grid -- snapping, collision rules, the Laplace
 * fill's defining property, and fidelity to Optuna 3.1's grids of the
 * mixed-minimize fixture (expected values made by tests/data/contour/gen.py).
 */
#include "testutil.h"

#include "hpreport/interp.h"

static void
free_nodes_should_equal_neighbour_mean(const double *g, size_t nx, size_t ny,
    const double *known)
{
	for (size_t iy = 0; iy < ny; iy++)
		for (size_t ix = 0; ix < nx; ix++) {
			size_t k = iy * nx + ix;
			double s = 0;
			int nn = 0;

			if (!isnan(known[k])) {
				assert_true(g[k] == known[k]);
				continue;
			}
			if (ix > 0) { s += g[k - 1]; nn++; }
			if (ix + 1 < nx) { s += g[k + 1]; nn++; }
			if (iy > 0) { s += g[k - nx]; nn++; }
			if (iy + 1 < ny) { s += g[k + nx]; nn++; }
			assert_near(g[k], s / nn, 1e-12);
		}
}

static void
fill_with_size(size_t nx, size_t ny)
{
	double *g = calloc(nx * ny, sizeof(double));
	double *known = calloc(nx * ny, sizeof(double));
	struct hp_err err;

	for (size_t k = 0; k < nx * ny; k++)
		g[k] = NAN;
	g[0] = 1;
	g[nx * ny - 1] = 5;
	g[(ny / 2) * nx + nx / 3] = -2;
	memcpy(known, g, nx * ny * sizeof(double));
	assert_int_equal(interp_laplace_fill(g, nx, ny, &err), 0);
	free_nodes_should_equal_neighbour_mean(g, nx, ny, known);
	free(g);
	free(known);
}

static void
contour_fill_should_match_neighbours_average(void **state)
{
	(void)state;
	fill_with_size(7, 7);
	fill_with_size(13, 5);	/* wide: walked along y */
	fill_with_size(4, 11);	/* tall: walked along x */
	fill_with_size(1, 9);
}

static void
contour_fill_with_one_known_node_should_be_constant(void **state)
{
	double g[25];
	struct hp_err err;

	(void)state;
	for (int i = 0; i < 25; i++)
		g[i] = NAN;
	g[12] = 3.5;
	assert_int_equal(interp_laplace_fill(g, 5, 5, &err), 0);
	for (int i = 0; i < 25; i++)
		assert_near(g[i], 3.5, 1e-12);
}

static void
contour_fill_without_known_node_should_fail(void **state)
{
	double g[4] = { NAN, NAN, NAN, NAN };
	struct hp_err err = { "" };

	(void)state;
	assert_int_equal(interp_laplace_fill(g, 2, 2, &err), -1);
	assert_true(strstr(err.msg, "no trial value") != NULL);
	assert_true(isnan(g[0]));
}

static void
zmap_should_keep_last_or_best_on_collision(void **state)
{
	double xi[3], yi[3], g[9];
	double x[] = { 0.1, 0.05, 1.0 }, y[] = { 0.0, 0.1, 2.0 }, z[] = { 2, 1, 7 };

	(void)state;
	interp_axis_nodes(0, 2, 0, 3, xi);
	interp_axis_nodes(0, 2, 0, 3, yi);
	assert_int_equal(interp_zmap(x, y, z, 3, xi, 3, yi, 3, INTERP_DUP_LAST, g), 2);
	assert_near(g[0], 1, 0);
	assert_near(g[2 * 3 + 1], 7, 0);
	assert_true(isnan(g[4]));
	z[1] = 3;
	interp_zmap(x, y, z, 3, xi, 3, yi, 3, INTERP_DUP_MIN, g);
	assert_near(g[0], 2, 0);
	interp_zmap(x, y, z, 3, xi, 3, yi, 3, INTERP_DUP_MAX, g);
	assert_near(g[0], 3, 0);
}

static void
nodes_should_follow_numpy_linspace_and_logspace(void **state)
{
	double g[5];

	(void)state;
	interp_axis_nodes(1e-3, 10, 1, 5, g);
	assert_near(g[0], 1e-3, 1e-18);
	assert_near(g[1], 1e-2, 1e-17);
	assert_true(g[4] == 10);
	interp_axis_nodes(-1, 1, 0, 5, g);
	assert_true(g[2] == 0 && g[4] == 1 && g[0] == -1);
	/* nearest on raw values, first node on a tie */
	assert_int_equal(interp_nearest(g, 5, 0.25), 2);
	assert_int_equal(interp_nearest(g, 5, 0.26), 3);
	assert_int_equal(interp_nearest(g, 5, 9), 4);
}

/* Reads PAIR.txt and PAIR.f32; runs our grid and compares to 1e-6 relative. */
static void
pair_should_match_optuna(const char *pair)
{
	char path[512];
	FILE *fp;
	size_t n, m;
	double xlo, xhi, ylo, yhi;
	int xlog, ylog;
	double *x, *y, *z, *xi, *yi, *g;
	float *want;
	struct hp_err err;
	double worst = 0;

	snprintf(path, sizeof(path), "tests/data/contour/%s.txt", pair);
	fp = fopen(path, "r");
	assert_non_null(fp);
	assert_int_equal(fscanf(fp, "%zu %lf %lf %d %lf %lf %d %zu", &n, &xlo, &xhi,
	    &xlog, &ylo, &yhi, &ylog, &m), 8);
	x = calloc(m, sizeof(double));
	y = calloc(m, sizeof(double));
	z = calloc(m, sizeof(double));
	for (size_t i = 0; i < m; i++) {
		int num;

		assert_int_equal(fscanf(fp, "%d %lf %lf %lf", &num, &x[i], &y[i], &z[i]), 4);
	}
	fclose(fp);
	snprintf(path, sizeof(path), "tests/data/contour/%s.f32", pair);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	want = calloc(n * n, sizeof(float));
	assert_int_equal(fread(want, sizeof(float), n * n, fp), n * n);
	fclose(fp);

	xi = calloc(n, sizeof(double));
	yi = calloc(n, sizeof(double));
	g = calloc(n * n, sizeof(double));
	interp_axis_nodes(xlo, xhi, xlog, n, xi);
	interp_axis_nodes(ylo, yhi, ylog, n, yi);
	assert_true(interp_zmap(x, y, z, m, xi, n, yi, n, INTERP_DUP_LAST, g) > 0);
	assert_int_equal(interp_laplace_fill(g, n, n, &err), 0);
	for (size_t k = 0; k < n * n; k++) {
		double rel = fabs(g[k] - want[k]) / fabs((double)want[k]);

		worst = rel > worst ? rel : worst;
	}
	if (worst > 1e-6)
		print_error("%s: worst relative difference %g\n", pair, worst);
	assert_true(worst <= 1e-6);
	free(x); free(y); free(z); free(xi); free(yi); free(g); free(want);
}

static void
contour_grid_should_match_optuna_on_log_axis(void **state)
{
	(void)state;
	pair_should_match_optuna("lr-dropout");
}

static void
contour_grid_should_match_optuna_on_categorical_and_log_int_axes(void **state)
{
	(void)state;
	pair_should_match_optuna("optimizer-units");
}

static void
contour_grid_should_match_optuna_on_int_axes(void **state)
{
	(void)state;
	pair_should_match_optuna("batch_size-n_layers");
}

static void
contour_grid_should_match_optuna_with_conditional_param(void **state)
{
	(void)state;
	pair_should_match_optuna("activation-momentum");
}


/* The kernel mean: a constant stays that constant, a plane stays a plane
 * away from the edges, and nodes out of reach are NaN. */
static void
kernel_smooth_should_average_nearby_values(void **state)
{
	enum { NX = 30, NY = 20, M = 2 * (NX - 1) * (NY - 1) };
	double u[M], v[M], z[M], g[NX * NY];
	size_t known;

	(void)state;
	/* two points a cell, symmetric about every node */
	for (size_t i = 0; i < M; i++) {
		double d = i % 2 ? 0.75 : 0.25;

		u[i] = (double)(i / 2 % (NX - 1)) + d;
		v[i] = (double)(i / 2 / (NX - 1)) + d;
		z[i] = 5;
	}
	known = interp_kernel_smooth(u, v, z, M, NX, NY, 2, 2, g);
	assert_int_equal(known, NX * NY);
	for (size_t k = 0; k < NX * NY; k++)
		assert_near(g[k], 5, 1e-12);
	for (size_t i = 0; i < M; i++)
		z[i] = 2 * u[i] - v[i];
	interp_kernel_smooth(u, v, z, M, NX, NY, 1.5, 1.5, g);
	for (size_t iy = 6; iy < NY - 6; iy++)
		for (size_t ix = 6; ix < NX - 6; ix++)
			assert_near(g[iy * NX + ix], 2.0 * (double)ix - (double)iy, 1e-9);
	/* all points in the left quarter: the right end is out of reach */
	for (size_t i = 0; i < M; i++)
		u[i] = u[i] / 4;
	interp_kernel_smooth(u, v, z, M, NX, NY, 1, 1, g);
	assert_true(isnan(g[NX - 1]));
	assert_false(isnan(g[0]));
}

/* sd 0 along y: every row is the mean of its own points only. */
static void
kernel_smooth_should_keep_discrete_rows_apart(void **state)
{
	enum { NX = 25, NY = 3, M = 300 };
	double u[M], v[M], z[M], g[NX * NY];

	(void)state;
	for (size_t i = 0; i < M; i++) {
		u[i] = (double)(i * 7 % 240) / 10.0;
		v[i] = (double)(i % 3);
		z[i] = v[i] == 1 ? 100 : v[i];
	}
	interp_kernel_smooth(u, v, z, M, NX, NY, 3, 0, g);
	for (size_t ix = 0; ix < NX; ix++) {
		assert_near(g[ix], 0, 1e-12);
		assert_near(g[NX + ix], 100, 1e-9);
		assert_near(g[2 * NX + ix], 2, 1e-12);
	}
}

/* Line fill: linear between known nodes, the end values beyond, lines
 * apart; an empty line stays empty. */
static void
fill_lines_should_interpolate_along_each_line(void **state)
{
	double g[3 * 5] = { NAN, 1, NAN, NAN, 4,  NAN, NAN, NAN, NAN, NAN,
	    7, NAN, NAN, NAN, NAN };
	double want[3 * 5] = { 1, 1, 2, 3, 4,  NAN, NAN, NAN, NAN, NAN,
	    7, 7, 7, 7, 7 };

	(void)state;
	interp_fill_lines(g, 5, 3, 1);
	for (size_t k = 0; k < 15; k++) {
		if (isnan(want[k]))
			assert_true(isnan(g[k]));
		else
			assert_near(g[k], want[k], 1e-12);
	}
	/* the same along y (columns of a 3 x 5 grid read as 5 x 3) */
	{
		double c[5 * 3] = { NAN, NAN, 7,  1, NAN, NAN,  NAN, NAN, NAN,
		    NAN, NAN, NAN,  4, NAN, NAN };

		interp_fill_lines(c, 3, 5, 0);
		assert_near(c[0], 1, 1e-12);
		assert_near(c[2 * 3], 2, 1e-12);
		assert_near(c[3 * 3], 3, 1e-12);
		assert_true(isnan(c[1]) && isnan(c[4 * 3 + 1]));
		assert_near(c[4 * 3 + 2], 7, 1e-12);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(contour_fill_should_match_neighbours_average),
		cmocka_unit_test(kernel_smooth_should_average_nearby_values),
		cmocka_unit_test(kernel_smooth_should_keep_discrete_rows_apart),
		cmocka_unit_test(fill_lines_should_interpolate_along_each_line),
		cmocka_unit_test(contour_fill_with_one_known_node_should_be_constant),
		cmocka_unit_test(contour_fill_without_known_node_should_fail),
		cmocka_unit_test(zmap_should_keep_last_or_best_on_collision),
		cmocka_unit_test(nodes_should_follow_numpy_linspace_and_logspace),
		cmocka_unit_test(contour_grid_should_match_optuna_on_log_axis),
		cmocka_unit_test(contour_grid_should_match_optuna_on_categorical_and_log_int_axes),
		cmocka_unit_test(contour_grid_should_match_optuna_on_int_axes),
		cmocka_unit_test(contour_grid_should_match_optuna_with_conditional_param),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
