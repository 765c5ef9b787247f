-- An Optuna 3.x RDB study whose names are hostile markup: a study named
-- <script>alert(1)</script>"&'学習率 and params named likewise, for the
-- report's escaping test (tests/e2e/report.sh).  sqlite3 x.db < this
CREATE TABLE studies (
	study_id INTEGER NOT NULL, 
	study_name VARCHAR(512) NOT NULL, 
	PRIMARY KEY (study_id)
);
CREATE UNIQUE INDEX ix_studies_study_name ON studies (study_name);
CREATE TABLE version_info (
	version_info_id INTEGER NOT NULL, 
	schema_version INTEGER, 
	library_version VARCHAR(256), 
	PRIMARY KEY (version_info_id), 
	CHECK (version_info_id=1)
);
CREATE TABLE study_directions (
	study_direction_id INTEGER NOT NULL, 
	direction VARCHAR(8) NOT NULL, 
	study_id INTEGER NOT NULL, 
	objective INTEGER NOT NULL, 
	PRIMARY KEY (study_direction_id), 
	UNIQUE (study_id, objective), 
	FOREIGN KEY(study_id) REFERENCES studies (study_id)
);
CREATE TABLE study_user_attributes (
	study_user_attribute_id INTEGER NOT NULL, 
	study_id INTEGER, 
	"key" VARCHAR(512), 
	value_json TEXT, 
	PRIMARY KEY (study_user_attribute_id), 
	UNIQUE (study_id, "key"), 
	FOREIGN KEY(study_id) REFERENCES studies (study_id)
);
CREATE TABLE study_system_attributes (
	study_system_attribute_id INTEGER NOT NULL, 
	study_id INTEGER, 
	"key" VARCHAR(512), 
	value_json TEXT, 
	PRIMARY KEY (study_system_attribute_id), 
	UNIQUE (study_id, "key"), 
	FOREIGN KEY(study_id) REFERENCES studies (study_id)
);
CREATE TABLE trials (
	trial_id INTEGER NOT NULL, 
	number INTEGER, 
	study_id INTEGER, 
	state VARCHAR(8) NOT NULL, 
	datetime_start DATETIME, 
	datetime_complete DATETIME, 
	PRIMARY KEY (trial_id), 
	FOREIGN KEY(study_id) REFERENCES studies (study_id)
);
CREATE TABLE trial_user_attributes (
	trial_user_attribute_id INTEGER NOT NULL, 
	trial_id INTEGER, 
	"key" VARCHAR(512), 
	value_json TEXT, 
	PRIMARY KEY (trial_user_attribute_id), 
	UNIQUE (trial_id, "key"), 
	FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
);
CREATE TABLE trial_system_attributes (
	trial_system_attribute_id INTEGER NOT NULL, 
	trial_id INTEGER, 
	"key" VARCHAR(512), 
	value_json TEXT, 
	PRIMARY KEY (trial_system_attribute_id), 
	UNIQUE (trial_id, "key"), 
	FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
);
CREATE TABLE trial_params (
	param_id INTEGER NOT NULL, 
	trial_id INTEGER, 
	param_name VARCHAR(512), 
	param_value FLOAT, 
	distribution_json TEXT, 
	PRIMARY KEY (param_id), 
	UNIQUE (trial_id, param_name), 
	FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
);
CREATE TABLE trial_values (
	trial_value_id INTEGER NOT NULL, 
	trial_id INTEGER NOT NULL, 
	objective INTEGER NOT NULL, 
	value FLOAT, 
	value_type VARCHAR(7) NOT NULL, 
	PRIMARY KEY (trial_value_id), 
	UNIQUE (trial_id, objective), 
	FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
);
CREATE TABLE trial_intermediate_values (
	trial_intermediate_value_id INTEGER NOT NULL, 
	trial_id INTEGER NOT NULL, 
	step INTEGER NOT NULL, 
	intermediate_value FLOAT, 
	intermediate_value_type VARCHAR(7) NOT NULL, 
	PRIMARY KEY (trial_intermediate_value_id), 
	UNIQUE (trial_id, step), 
	FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
);
CREATE TABLE trial_heartbeats (
	trial_heartbeat_id INTEGER NOT NULL, 
	trial_id INTEGER NOT NULL, 
	heartbeat DATETIME NOT NULL, 
	PRIMARY KEY (trial_heartbeat_id), 
	UNIQUE (trial_id), 
	FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
);
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version VALUES('v3.0.0.d');
INSERT INTO version_info VALUES(1, 12, '3.1.0');
INSERT INTO studies VALUES(1, '<script>alert(1)</script>"&''学習率');
INSERT INTO study_directions VALUES(1, 'MINIMIZE', 1, 0);
INSERT INTO trials VALUES(1,0,1,'FAIL','2026-01-01 10:00:00.000000','2026-01-01 10:00:00.500000');
INSERT INTO trial_params VALUES(1,1,'<script>alert(2)</script>"&''学習率',0.0001,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(2,1,'&amp; <b>bold</b>',0.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(2,1,1,'COMPLETE','2026-01-01 10:00:01.000000','2026-01-01 10:00:01.500000');
INSERT INTO trial_values VALUES(2,2,0,1.7999999999999996,'FINITE');
INSERT INTO trial_params VALUES(3,2,'<script>alert(2)</script>"&''学習率',0.00015848931924611136,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(4,2,'&amp; <b>bold</b>',1.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(3,2,1,'COMPLETE','2026-01-01 10:00:02.000000','2026-01-01 10:00:02.500000');
INSERT INTO trial_values VALUES(3,3,0,1.4300000000000002,'FINITE');
INSERT INTO trial_params VALUES(5,3,'<script>alert(2)</script>"&''学習率',0.000251188643150958,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(6,3,'&amp; <b>bold</b>',2.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(4,3,1,'COMPLETE','2026-01-01 10:00:03.000000','2026-01-01 10:00:03.500000');
INSERT INTO trial_values VALUES(4,4,0,0.8399999999999999,'FINITE');
INSERT INTO trial_params VALUES(7,4,'<script>alert(2)</script>"&''学習率',0.00039810717055349724,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(8,4,'&amp; <b>bold</b>',0.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(5,4,1,'COMPLETE','2026-01-01 10:00:04.000000','2026-01-01 10:00:04.500000');
INSERT INTO trial_values VALUES(5,5,0,0.6299999999999997,'FINITE');
INSERT INTO trial_params VALUES(9,5,'<script>alert(2)</script>"&''学習率',0.0006309573444801934,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(10,5,'&amp; <b>bold</b>',1.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(6,5,1,'COMPLETE','2026-01-01 10:00:05.000000','2026-01-01 10:00:05.500000');
INSERT INTO trial_values VALUES(6,6,0,0.5,'FINITE');
INSERT INTO trial_params VALUES(11,6,'<script>alert(2)</script>"&''学習率',0.001,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(12,6,'&amp; <b>bold</b>',2.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(7,6,1,'COMPLETE','2026-01-01 10:00:06.000000','2026-01-01 10:00:06.500000');
INSERT INTO trial_values VALUES(7,7,0,0.1499999999999999,'FINITE');
INSERT INTO trial_params VALUES(13,7,'<script>alert(2)</script>"&''学習率',0.0015848931924611134,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(14,7,'&amp; <b>bold</b>',0.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(8,7,1,'FAIL','2026-01-01 10:00:07.000000','2026-01-01 10:00:07.500000');
INSERT INTO trial_params VALUES(15,8,'<script>alert(2)</script>"&''学習率',0.0025118864315095794,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(16,8,'&amp; <b>bold</b>',1.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(9,8,1,'COMPLETE','2026-01-01 10:00:08.000000','2026-01-01 10:00:08.500000');
INSERT INTO trial_values VALUES(9,9,0,0.29000000000000004,'FINITE');
INSERT INTO trial_params VALUES(17,9,'<script>alert(2)</script>"&''学習率',0.003981071705534973,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(18,9,'&amp; <b>bold</b>',2.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(10,9,1,'COMPLETE','2026-01-01 10:00:09.000000','2026-01-01 10:00:09.500000');
INSERT INTO trial_values VALUES(10,10,0,0.17999999999999988,'FINITE');
INSERT INTO trial_params VALUES(19,10,'<script>alert(2)</script>"&''学習率',0.006309573444801933,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(20,10,'&amp; <b>bold</b>',0.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(11,10,1,'COMPLETE','2026-01-01 10:00:10.000000','2026-01-01 10:00:10.500000');
INSERT INTO trial_values VALUES(11,11,0,0.44999999999999996,'FINITE');
INSERT INTO trial_params VALUES(21,11,'<script>alert(2)</script>"&''学習率',0.01,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(22,11,'&amp; <b>bold</b>',1.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(12,11,1,'COMPLETE','2026-01-01 10:00:11.000000','2026-01-01 10:00:11.500000');
INSERT INTO trial_values VALUES(12,12,0,0.8000000000000003,'FINITE');
INSERT INTO trial_params VALUES(23,12,'<script>alert(2)</script>"&''学習率',0.01584893192461114,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(24,12,'&amp; <b>bold</b>',2.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(13,12,1,'COMPLETE','2026-01-01 10:00:12.000000','2026-01-01 10:00:12.500000');
INSERT INTO trial_values VALUES(13,13,0,0.9299999999999998,'FINITE');
INSERT INTO trial_params VALUES(25,13,'<script>alert(2)</script>"&''学習率',0.025118864315095798,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(26,13,'&amp; <b>bold</b>',0.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(14,13,1,'COMPLETE','2026-01-01 10:00:13.000000','2026-01-01 10:00:13.500000');
INSERT INTO trial_values VALUES(14,14,0,1.4400000000000004,'FINITE');
INSERT INTO trial_params VALUES(27,14,'<script>alert(2)</script>"&''学習率',0.039810717055349734,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(28,14,'&amp; <b>bold</b>',1.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(15,14,1,'FAIL','2026-01-01 10:00:14.000000','2026-01-01 10:00:14.500000');
INSERT INTO trial_params VALUES(29,15,'<script>alert(2)</script>"&''学習率',0.0630957344480193,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(30,15,'&amp; <b>bold</b>',2.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(16,15,1,'COMPLETE','2026-01-01 10:00:15.000000','2026-01-01 10:00:15.500000');
INSERT INTO trial_values VALUES(16,16,0,2.4,'FINITE');
INSERT INTO trial_params VALUES(31,16,'<script>alert(2)</script>"&''学習率',0.1,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(32,16,'&amp; <b>bold</b>',0.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(17,16,1,'COMPLETE','2026-01-01 10:00:16.000000','2026-01-01 10:00:16.500000');
INSERT INTO trial_values VALUES(17,17,0,3.150000000000001,'FINITE');
INSERT INTO trial_params VALUES(33,17,'<script>alert(2)</script>"&''学習率',0.1584893192461114,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(34,17,'&amp; <b>bold</b>',1.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(18,17,1,'COMPLETE','2026-01-01 10:00:17.000000','2026-01-01 10:00:17.500000');
INSERT INTO trial_values VALUES(18,18,0,3.98,'FINITE');
INSERT INTO trial_params VALUES(35,18,'<script>alert(2)</script>"&''学習率',0.251188643150958,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(36,18,'&amp; <b>bold</b>',2.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(19,18,1,'COMPLETE','2026-01-01 10:00:18.000000','2026-01-01 10:00:18.500000');
INSERT INTO trial_values VALUES(19,19,0,4.59,'FINITE');
INSERT INTO trial_params VALUES(37,19,'<script>alert(2)</script>"&''学習率',0.39810717055349737,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(38,19,'&amp; <b>bold</b>',0.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(20,19,1,'COMPLETE','2026-01-01 10:00:19.000000','2026-01-01 10:00:19.500000');
INSERT INTO trial_values VALUES(20,20,0,5.579999999999999,'FINITE');
INSERT INTO trial_params VALUES(39,20,'<script>alert(2)</script>"&''学習率',0.630957344480193,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(40,20,'&amp; <b>bold</b>',1.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(21,20,1,'COMPLETE','2026-01-01 10:00:20.000000','2026-01-01 10:00:20.500000');
INSERT INTO trial_values VALUES(21,21,0,2.6500000000000004,'FINITE');
INSERT INTO trial_params VALUES(41,21,'<script>alert(2)</script>"&''学習率',0.0001,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(42,21,'&amp; <b>bold</b>',2.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(22,21,1,'FAIL','2026-01-01 10:00:21.000000','2026-01-01 10:00:21.500000');
INSERT INTO trial_params VALUES(43,22,'<script>alert(2)</script>"&''学習率',0.00015848931924611136,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(44,22,'&amp; <b>bold</b>',0.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(23,22,1,'COMPLETE','2026-01-01 10:00:22.000000','2026-01-01 10:00:22.500000');
INSERT INTO trial_values VALUES(23,23,0,1.5300000000000002,'FINITE');
INSERT INTO trial_params VALUES(45,23,'<script>alert(2)</script>"&''学習率',0.000251188643150958,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(46,23,'&amp; <b>bold</b>',1.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(24,23,1,'COMPLETE','2026-01-01 10:00:23.000000','2026-01-01 10:00:23.500000');
INSERT INTO trial_values VALUES(24,24,0,1.2399999999999998,'FINITE');
INSERT INTO trial_params VALUES(47,24,'<script>alert(2)</script>"&''学習率',0.00039810717055349724,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(48,24,'&amp; <b>bold</b>',2.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(25,24,1,'COMPLETE','2026-01-01 10:00:24.000000','2026-01-01 10:00:24.500000');
INSERT INTO trial_values VALUES(25,25,0,0.7299999999999995,'FINITE');
INSERT INTO trial_params VALUES(49,25,'<script>alert(2)</script>"&''学習率',0.0006309573444801934,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(50,25,'&amp; <b>bold</b>',0.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(26,25,1,'COMPLETE','2026-01-01 10:00:25.000000','2026-01-01 10:00:25.500000');
INSERT INTO trial_values VALUES(26,26,0,0.6,'FINITE');
INSERT INTO trial_params VALUES(51,26,'<script>alert(2)</script>"&''学習率',0.001,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(52,26,'&amp; <b>bold</b>',1.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(27,26,1,'COMPLETE','2026-01-01 10:00:26.000000','2026-01-01 10:00:26.500000');
INSERT INTO trial_values VALUES(27,27,0,0.5499999999999999,'FINITE');
INSERT INTO trial_params VALUES(53,27,'<script>alert(2)</script>"&''学習率',0.0015848931924611134,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(54,27,'&amp; <b>bold</b>',2.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(28,27,1,'COMPLETE','2026-01-01 10:00:27.000000','2026-01-01 10:00:27.500000');
INSERT INTO trial_values VALUES(28,28,0,0.28,'FINITE');
INSERT INTO trial_params VALUES(55,28,'<script>alert(2)</script>"&''学習率',0.0025118864315095794,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(56,28,'&amp; <b>bold</b>',0.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(29,28,1,'FAIL','2026-01-01 10:00:28.000000','2026-01-01 10:00:28.500000');
INSERT INTO trial_params VALUES(57,29,'<script>alert(2)</script>"&''学習率',0.003981071705534973,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(58,29,'&amp; <b>bold</b>',1.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
INSERT INTO trials VALUES(30,29,1,'COMPLETE','2026-01-01 10:00:29.000000','2026-01-01 10:00:29.500000');
INSERT INTO trial_values VALUES(30,30,0,0.5799999999999998,'FINITE');
INSERT INTO trial_params VALUES(59,30,'<script>alert(2)</script>"&''学習率',0.006309573444801933,'{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0001, "high": 1.0, "log": true}}');
INSERT INTO trial_params VALUES(60,30,'&amp; <b>bold</b>',2.0,'{"name": "CategoricalDistribution", "attributes": {"choices": ["<img src=x onerror=alert(3)>", "a&b \"q\"", "学習"]}}');
