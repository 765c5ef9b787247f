PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE studies (
	study_id INTEGER NOT NULL, 
	study_name VARCHAR(512) NOT NULL, 
	PRIMARY KEY (study_id)
);
INSERT INTO studies VALUES(2,'maximize-inf');
CREATE TABLE version_info (
	version_info_id INTEGER NOT NULL, 
	schema_version INTEGER, 
	library_version VARCHAR(256), 
	PRIMARY KEY (version_info_id), 
	CHECK (version_info_id=1)
);
INSERT INTO version_info VALUES(1,12,'3.1.0');
CREATE TABLE study_directions (
	study_direction_id INTEGER NOT NULL, 
	direction VARCHAR(8) NOT NULL, 
	study_id INTEGER NOT NULL, 
	objective INTEGER NOT NULL, 
	PRIMARY KEY (study_direction_id), 
	UNIQUE (study_id, objective), 
	FOREIGN KEY(study_id) REFERENCES studies (study_id)
);
INSERT INTO study_directions VALUES(2,'MAXIMIZE',2,0);
CREATE TABLE study_user_attributes (
	study_user_attribute_id INTEGER NOT NULL, 
	study_id INTEGER, 
	"key" VARCHAR(512), 
	value_json TEXT, 
	PRIMARY KEY (study_user_attribute_id), 
	UNIQUE (study_id, "key"), 
	FOREIGN KEY(study_id) REFERENCES studies (study_id)
);
INSERT INTO study_user_attributes VALUES(1,1,'dataset','"synthetic"');
CREATE TABLE study_system_attributes (
	study_system_attribute_id INTEGER NOT NULL, 
	study_id INTEGER, 
	"key" VARCHAR(512), 
	value_json TEXT, 
	PRIMARY KEY (study_system_attribute_id), 
	UNIQUE (study_id, "key"), 
	FOREIGN KEY(study_id) REFERENCES studies (study_id)
);
INSERT INTO study_system_attributes VALUES(1,3,'nsga2:population:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855','[1, [89, 95, 96, 23, 40, 50, 37, 0, 27, 60, 61, 67, 14, 42, 82, 99, 51, 58, 75, 76, 77, 12, 25, 63, 74, 20, 64, 83, 30, 19, 29, 52, 65, 94, 48, 78, 2, 4, 5, 46, 11, 85, 39, 8, 56, 18, 44, 88, 97, 41]]');
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
INSERT INTO trials VALUES(242,0,2,'COMPLETE','2026-11-27 22:35:28.810666','2026-11-27 22:35:28.830987');
INSERT INTO trials VALUES(243,1,2,'COMPLETE','2026-11-27 22:35:28.842130','2026-11-27 22:35:28.859475');
INSERT INTO trials VALUES(244,2,2,'COMPLETE','2026-11-27 22:35:28.866636','2026-11-27 22:35:28.878706');
INSERT INTO trials VALUES(245,3,2,'COMPLETE','2026-11-27 22:35:28.885625','2026-11-27 22:35:28.897735');
INSERT INTO trials VALUES(246,4,2,'COMPLETE','2026-11-27 22:35:28.904558','2026-11-27 22:35:28.918046');
INSERT INTO trials VALUES(247,5,2,'COMPLETE','2026-11-27 22:35:28.925554','2026-11-27 22:35:28.938228');
INSERT INTO trials VALUES(248,6,2,'COMPLETE','2026-11-27 22:35:28.945342','2026-11-27 22:35:28.957926');
INSERT INTO trials VALUES(249,7,2,'COMPLETE','2026-11-27 22:35:28.964957','2026-11-27 22:35:28.976727');
INSERT INTO trials VALUES(250,8,2,'COMPLETE','2026-11-27 22:35:28.983209','2026-11-27 22:35:28.993619');
INSERT INTO trials VALUES(251,9,2,'COMPLETE','2026-11-27 22:35:29.000079','2026-11-27 22:35:29.010903');
INSERT INTO trials VALUES(252,10,2,'COMPLETE','2026-11-27 22:35:29.017306','2026-11-27 22:35:29.028353');
INSERT INTO trials VALUES(253,11,2,'COMPLETE','2026-11-27 22:35:29.034567','2026-11-27 22:35:29.045714');
INSERT INTO trials VALUES(254,12,2,'COMPLETE','2026-11-27 22:35:29.052022','2026-11-27 22:35:29.062896');
INSERT INTO trials VALUES(255,13,2,'COMPLETE','2026-11-27 22:35:29.069151','2026-11-27 22:35:29.080864');
INSERT INTO trials VALUES(256,14,2,'COMPLETE','2026-11-27 22:35:29.088185','2026-11-27 22:35:29.100851');
INSERT INTO trials VALUES(257,15,2,'COMPLETE','2026-11-27 22:35:29.107562','2026-11-27 22:35:29.120724');
INSERT INTO trials VALUES(258,16,2,'COMPLETE','2026-11-27 22:35:29.127506','2026-11-27 22:35:29.139213');
INSERT INTO trials VALUES(259,17,2,'COMPLETE','2026-11-27 22:35:29.145860','2026-11-27 22:35:29.159574');
INSERT INTO trials VALUES(260,18,2,'COMPLETE','2026-11-27 22:35:29.168300','2026-11-27 22:35:29.181023');
INSERT INTO trials VALUES(261,19,2,'COMPLETE','2026-11-27 22:35:29.188750','2026-11-27 22:35:29.201038');
INSERT INTO trials VALUES(262,20,2,'COMPLETE','2026-11-27 22:35:29.209362','2026-11-27 22:35:29.223526');
INSERT INTO trials VALUES(263,21,2,'COMPLETE','2026-11-27 22:35:29.232246','2026-11-27 22:35:29.247853');
INSERT INTO trials VALUES(264,22,2,'COMPLETE','2026-11-27 22:35:29.256438','2026-11-27 22:35:29.271723');
INSERT INTO trials VALUES(265,23,2,'COMPLETE','2026-11-27 22:35:29.280170','2026-11-27 22:35:29.298393');
INSERT INTO trials VALUES(266,24,2,'COMPLETE','2026-11-27 22:35:29.306375','2026-11-27 22:35:29.320546');
INSERT INTO trials VALUES(267,25,2,'COMPLETE','2026-11-27 22:35:29.328094','2026-11-27 22:35:29.341598');
INSERT INTO trials VALUES(268,26,2,'COMPLETE','2026-11-27 22:35:29.349030','2026-11-27 22:35:29.362974');
INSERT INTO trials VALUES(269,27,2,'COMPLETE','2026-11-27 22:35:29.370558','2026-11-27 22:35:29.384923');
INSERT INTO trials VALUES(270,28,2,'COMPLETE','2026-11-27 22:35:29.393224','2026-11-27 22:35:29.409160');
INSERT INTO trials VALUES(271,29,2,'COMPLETE','2026-11-27 22:35:29.419124','2026-11-27 22:35:29.433084');
INSERT INTO trials VALUES(272,30,2,'COMPLETE','2026-11-27 22:35:29.440399','2026-11-27 22:35:29.454257');
INSERT INTO trials VALUES(273,31,2,'COMPLETE','2026-11-27 22:35:29.464686','2026-11-27 22:35:29.479791');
INSERT INTO trials VALUES(274,32,2,'COMPLETE','2026-11-27 22:35:29.486100','2026-11-27 22:35:29.496908');
INSERT INTO trials VALUES(275,33,2,'COMPLETE','2026-11-27 22:35:29.503204','2026-11-27 22:35:29.517935');
INSERT INTO trials VALUES(276,34,2,'COMPLETE','2026-11-27 22:35:29.527708','2026-11-27 22:35:29.544795');
INSERT INTO trials VALUES(277,35,2,'COMPLETE','2026-11-27 22:35:29.553492','2026-11-27 22:35:29.569257');
INSERT INTO trials VALUES(278,36,2,'COMPLETE','2026-11-27 22:35:29.577777','2026-11-27 22:35:29.595666');
INSERT INTO trials VALUES(279,37,2,'COMPLETE','2026-11-27 22:35:29.604718','2026-11-27 22:35:29.621774');
INSERT INTO trials VALUES(280,38,2,'COMPLETE','2026-11-27 22:35:29.631108','2026-11-27 22:35:29.647866');
INSERT INTO trials VALUES(281,39,2,'COMPLETE','2026-11-27 22:35:29.656594','2026-11-27 22:35:29.671057');
INSERT INTO trials VALUES(282,40,2,'COMPLETE','2026-11-27 22:35:29.677711','2026-11-27 22:35:29.693178');
INSERT INTO trials VALUES(283,41,2,'COMPLETE','2026-11-27 22:35:29.701458','2026-11-27 22:35:29.716988');
INSERT INTO trials VALUES(284,42,2,'COMPLETE','2026-11-27 22:35:29.723276','2026-11-27 22:35:29.739409');
INSERT INTO trials VALUES(285,43,2,'COMPLETE','2026-11-27 22:35:29.747361','2026-11-27 22:35:29.761448');
INSERT INTO trials VALUES(286,44,2,'COMPLETE','2026-11-27 22:35:29.769198','2026-11-27 22:35:29.782760');
INSERT INTO trials VALUES(287,45,2,'COMPLETE','2026-11-27 22:35:29.791376','2026-11-27 22:35:29.808289');
INSERT INTO trials VALUES(288,46,2,'COMPLETE','2026-11-27 22:35:29.817123','2026-11-27 22:35:29.833593');
INSERT INTO trials VALUES(289,47,2,'COMPLETE','2026-11-27 22:35:29.840978','2026-11-27 22:35:29.856126');
INSERT INTO trials VALUES(290,48,2,'COMPLETE','2026-11-27 22:35:29.864383','2026-11-27 22:35:29.878524');
INSERT INTO trials VALUES(291,49,2,'COMPLETE','2026-11-27 22:35:29.887473','2026-11-27 22:35:29.903184');
INSERT INTO trials VALUES(292,50,2,'COMPLETE','2026-11-27 22:35:29.912011','2026-11-27 22:35:29.926756');
INSERT INTO trials VALUES(293,51,2,'COMPLETE','2026-11-27 22:35:29.934532','2026-11-27 22:35:29.958216');
INSERT INTO trials VALUES(294,52,2,'COMPLETE','2026-11-27 22:35:29.966751','2026-11-27 22:35:29.981520');
INSERT INTO trials VALUES(295,53,2,'COMPLETE','2026-11-27 22:35:29.989480','2026-11-27 22:35:30.005011');
INSERT INTO trials VALUES(296,54,2,'COMPLETE','2026-11-27 22:35:30.013956','2026-11-27 22:35:30.029171');
INSERT INTO trials VALUES(297,55,2,'COMPLETE','2026-11-27 22:35:30.036525','2026-11-27 22:35:30.050905');
INSERT INTO trials VALUES(298,56,2,'COMPLETE','2026-11-27 22:35:30.058225','2026-11-27 22:35:30.074587');
INSERT INTO trials VALUES(299,57,2,'COMPLETE','2026-11-27 22:35:30.083101','2026-11-27 22:35:30.098461');
INSERT INTO trials VALUES(300,58,2,'COMPLETE','2026-11-27 22:35:30.107409','2026-11-27 22:35:30.122391');
INSERT INTO trials VALUES(301,59,2,'COMPLETE','2026-11-27 22:35:30.130330','2026-11-27 22:35:30.145726');
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
INSERT INTO trial_params VALUES(1694,242,'x',-4.2369171062604280564,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1695,242,'y',2.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1696,243,'x',-0.61590768559106479074,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1697,243,'y',2.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1698,244,'x',4.779895119966026229,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1699,244,'y',0.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1700,245,'x',0.011204636599378758887,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1701,245,'y',-3.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1702,246,'x',-2.3156101989812882813,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1703,246,'y',0.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1704,247,'x',1.7922999612094052679,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1705,247,'y',2.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1706,248,'x',-1.1905886685146160886,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1707,248,'y',-3.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1708,249,'x',-2.1185440069200645041,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1709,249,'y',3.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1710,250,'x',-2.8661464642008449565,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1711,250,'y',0.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1712,251,'x',4.312060196890216801,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1713,251,'y',-3.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1714,252,'x',1.005489174641224892,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1715,252,'y',3.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1716,253,'x',-2.6969712097903517644,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1717,253,'y',0.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1718,254,'x',4.0912837488673119423,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1719,254,'y',-3.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1720,255,'x',0.23412580673765859273,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1721,255,'y',2.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1722,256,'x',1.6901324088391378452,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1723,256,'y',0.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1724,257,'x',-2.9515090970220492216,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1725,257,'y',0.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1726,258,'x',-1.2761531061494100214,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1727,258,'y',0.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1728,259,'x',-1.3410961421940701399,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1729,259,'y',2.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1730,260,'x',2.6864750651950934923,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1731,260,'y',-1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1732,261,'x',0.72625332643954010336,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1733,261,'y',-2.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1734,262,'x',-0.47157067453599577078,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1735,262,'y',-1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1736,263,'x',1.5739946277975827015,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1737,263,'y',-1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1738,264,'x',-0.40907022108568558138,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1739,264,'y',2.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1740,265,'x',-0.87008170886165459023,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1741,265,'y',3.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1742,266,'x',-3.1954838079731837652,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1743,266,'y',2.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1744,267,'x',-0.77625956356859671103,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1745,267,'y',-1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1746,268,'x',1.3437986863383875046,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1747,268,'y',0.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1748,269,'x',-0.85114021560556807344,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1749,269,'y',-3.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1750,270,'x',-4.0773765415324794147,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1751,270,'y',1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1752,271,'x',0.24345596765197186073,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1753,271,'y',1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1754,272,'x',4.5546832300292585671,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1755,272,'y',1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1756,273,'x',-4.4687130932704244301,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1757,273,'y',-1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1758,274,'x',0.92594687323372948384,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1759,274,'y',-2.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1760,275,'x',4.6497099953612686107,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1761,275,'y',3.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1762,276,'x',3.4840088083768865345,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1763,276,'y',0.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1764,277,'x',3.414767148983973044,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1765,277,'y',-3.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1766,278,'x',-1.9126634270216458233,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1767,278,'y',0.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1768,279,'x',2.4184720068346674537,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1769,279,'y',0.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1770,280,'x',-3.6312388120254910361,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1771,280,'y',-1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1772,281,'x',-1.7557383032755700114,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1773,281,'y',-1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1774,282,'x',-3.3449859953421254843,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1775,282,'y',-1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1776,283,'x',-0.51879342497276681456,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1777,283,'y',2.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1778,284,'x',2.963907007825484996,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1779,284,'y',0.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1780,285,'x',-0.39369703836723068945,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1781,285,'y',2.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1782,286,'x',3.8728895185273479739,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1783,286,'y',1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1784,287,'x',3.0047904899846358262,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1785,287,'y',3.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1786,288,'x',-4.5934419056331421415,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1787,288,'y',3.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1788,289,'x',-2.2343692754886577134,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1789,289,'y',0.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1790,290,'x',2.9676095693190234214,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1791,290,'y',2.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1792,291,'x',-3.528524280583069661,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1793,291,'y',1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1794,292,'x',-4.3074792999016455752,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1795,292,'y',-1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1796,293,'x',3.1282955016370621592,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1797,293,'y',-1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1798,294,'x',0.99854437543446383784,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1799,294,'y',2.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1800,295,'x',3.2122760830655945341,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1801,295,'y',2.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1802,296,'x',-4.9285672472100152674,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1803,296,'y',-1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1804,297,'x',-0.36863781961852737367,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1805,297,'y',-3.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1806,298,'x',0.41442132095219630372,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1807,298,'y',1.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1808,299,'x',3.2845319499612539715,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1809,299,'y',3.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1810,300,'x',-3.7185214599726714723,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1811,300,'y',-2.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
INSERT INTO trial_params VALUES(1812,301,'x',1.5915839707056091967,'{"name": "FloatDistribution", "attributes": {"step": null, "low": -5.0, "high": 5.0, "log": false}}');
INSERT INTO trial_params VALUES(1813,301,'y',-3.0,'{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": -3, "high": 3}}');
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
INSERT INTO trial_values VALUES(231,242,0,-31.398726478280124751,'FINITE');
INSERT INTO trial_values VALUES(232,243,0,-6.6580406899724025038,'FINITE');
INSERT INTO trial_values VALUES(233,244,0,-14.366063471792283934,'FINITE');
INSERT INTO trial_values VALUES(234,245,0,-9.8905093614086307951,'FINITE');
INSERT INTO trial_values VALUES(235,246,0,-10.863387580943632215,'FINITE');
INSERT INTO trial_values VALUES(236,247,0,-4.5615134409181701258,'FINITE');
INSERT INTO trial_values VALUES(237,248,0,-13.755098248785660785,'FINITE');
INSERT INTO trial_values VALUES(238,249,0,NULL,'INF_POS');
INSERT INTO trial_values VALUES(239,250,0,-14.920466720850482644,'FINITE');
INSERT INTO trial_values VALUES(240,251,0,NULL,'INF_NEG');
INSERT INTO trial_values VALUES(241,252,0,-9.0450399554408065228,'FINITE');
INSERT INTO trial_values VALUES(242,253,0,-13.845906683829872108,'FINITE');
INSERT INTO trial_values VALUES(243,254,0,-18.489690677519533323,'FINITE');
INSERT INTO trial_values VALUES(244,255,0,-4.5666345275155881822,'FINITE');
INSERT INTO trial_values VALUES(245,256,0,-0.53170293104985677512,'FINITE');
INSERT INTO trial_values VALUES(246,257,0,-15.71089587457004022,'FINITE');
INSERT INTO trial_values VALUES(247,258,0,-5.0530861757472553819,'FINITE');
INSERT INTO trial_values VALUES(248,259,0,-9.661158152987086467,'FINITE');
INSERT INTO trial_values VALUES(249,260,0,-3.6680142547238605565,'FINITE');
INSERT INTO trial_values VALUES(250,261,0,-4.0109759264441020576,'FINITE');
INSERT INTO trial_values VALUES(251,262,0,-2.928448986949919508,'FINITE');
INSERT INTO trial_values VALUES(252,263,0,-1.4012461654147758682,'FINITE');
INSERT INTO trial_values VALUES(253,264,0,-5.9876576837697568223,'FINITE');
INSERT INTO trial_values VALUES(254,265,0,-12.547863127491217128,'FINITE');
INSERT INTO trial_values VALUES(255,266,0,-21.586567017080980691,'FINITE');
INSERT INTO trial_values VALUES(256,267,0,-4.1760933866092813104,'FINITE');
INSERT INTO trial_values VALUES(257,268,0,-0.19304299738213775983,'FINITE');
INSERT INTO trial_values VALUES(258,269,0,-12.319234824168695752,'FINITE');
INSERT INTO trial_values VALUES(259,270,0,-26.85824068823091082,'FINITE');
INSERT INTO trial_values VALUES(260,271,0,-1.6231373317084434315,'FINITE');
INSERT INTO trial_values VALUES(261,272,0,-13.580316074412072779,'FINITE');
INSERT INTO trial_values VALUES(262,273,0,-30.960582135764596501,'FINITE');
INSERT INTO trial_values VALUES(263,274,0,-4.0489447431452258996,'FINITE');
INSERT INTO trial_values VALUES(264,275,0,-22.28478638975398951,'FINITE');
INSERT INTO trial_values VALUES(265,276,0,-6.2070833118419503904,'FINITE');
INSERT INTO trial_values VALUES(266,277,0,-14.955756060924265682,'FINITE');
INSERT INTO trial_values VALUES(267,278,0,-8.4938351116626389369,'FINITE');
INSERT INTO trial_values VALUES(268,279,0,-2.0340445260178805497,'FINITE');
INSERT INTO trial_values VALUES(269,280,0,-22.277895417241964537,'FINITE');
INSERT INTO trial_values VALUES(270,281,0,-8.7037936459846463321,'FINITE');
INSERT INTO trial_values VALUES(271,282,0,-19.781966076684447841,'FINITE');
INSERT INTO trial_values VALUES(272,283,0,-6.3853284778890513351,'FINITE');
INSERT INTO trial_values VALUES(273,284,0,-3.8925253905936170184,'FINITE');
INSERT INTO trial_values VALUES(274,285,0,-5.9750641385854770248,'FINITE');
INSERT INTO trial_values VALUES(275,286,0,-9.2264424313942878796,'FINITE');
INSERT INTO trial_values VALUES(276,287,0,-12.932840479072151395,'FINITE');
INSERT INTO trial_values VALUES(277,288,0,-40.111603335866369947,'FINITE');
INSERT INTO trial_values VALUES(278,289,0,-10.524789530585216823,'FINITE');
INSERT INTO trial_values VALUES(279,290,0,-7.738491669430531239,'FINITE');
INSERT INTO trial_values VALUES(280,291,0,-21.407994636507417852,'FINITE');
INSERT INTO trial_values VALUES(281,292,0,-29.088080242390095264,'FINITE');
INSERT INTO trial_values VALUES(282,293,0,-5.6055743527493619993,'FINITE');
INSERT INTO trial_values VALUES(283,294,0,-3.9099365329231874355,'FINITE');
INSERT INTO trial_values VALUES(284,295,0,-8.9049036440096660527,'FINITE');
INSERT INTO trial_values VALUES(285,296,0,-36.112577430372198249,'FINITE');
INSERT INTO trial_values VALUES(286,297,0,-10.900079838266732324,'FINITE');
INSERT INTO trial_values VALUES(287,298,0,-1.2764909359451099835,'FINITE');
INSERT INTO trial_values VALUES(288,299,0,-14.107584149674281092,'FINITE');
INSERT INTO trial_values VALUES(289,300,0,-26.151344347181954218,'FINITE');
INSERT INTO trial_values VALUES(290,301,0,-9.3704966300306598014,'FINITE');
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
CREATE UNIQUE INDEX ix_studies_study_name ON studies (study_name);
COMMIT;
