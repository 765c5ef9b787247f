-- An NNI experiment database as NNI's manager writes it (tables from
-- ts/nni_manager/core/sqlDatabase.ts), written by hand: 7 trials covering
-- every final state, a metric dict, NaN and Infinity metrics, a text param
-- outside the search space, and two profile revisions (the later one wins).
CREATE TABLE TrialJobEvent (timestamp integer, trialJobId text, event text, data text, logPath text, sequenceId integer, message text, environmentId text);
CREATE INDEX TrialJobEvent_trialJobId on TrialJobEvent(trialJobId);
CREATE TABLE MetricData (timestamp integer, trialJobId text, parameterId text, type text, sequence integer, data text);
CREATE INDEX MetricData_trialJobId on MetricData(trialJobId);
CREATE TABLE ExperimentProfile (params text, id text, execDuration integer, startTime integer, endTime integer, logDir text, nextSequenceId integer, revision integer);
CREATE INDEX ExperimentProfile_id on ExperimentProfile(id);

INSERT INTO ExperimentProfile VALUES ('{"experimentName":"mnist-tpe","searchSpace":{"lr":{"_type":"loguniform","_value":[0.0001,0.1]},"batch_size":{"_type":"choice","_value":[16,32,64]},"optimizer":{"_type":"choice","_value":["sgd","adam"]},"dropout":{"_type":"uniform","_value":[0.1,0.5]},"layers":{"_type":"randint","_value":[1,5]},"momentum":{"_type":"normal","_value":[0.9,0.05]}},"trialConcurrency":2,"maxTrialNumber":8,"tuner":{"name":"TPE","classArgs":{"optimize_mode":"minimize"}},"trainingService":{"platform":"local"}}', 'k2fz7b1q', 0, 1700000000000, NULL, '/root/nni-experiments/k2fz7b1q', 0, 1);
INSERT INTO ExperimentProfile VALUES ('{"experimentName":"mnist-tpe","searchSpace":{"lr":{"_type":"loguniform","_value":[0.0001,0.1]},"batch_size":{"_type":"choice","_value":[16,32,64]},"optimizer":{"_type":"choice","_value":["sgd","adam"]},"dropout":{"_type":"uniform","_value":[0.1,0.5]},"layers":{"_type":"randint","_value":[1,5]},"momentum":{"_type":"normal","_value":[0.9,0.05]}},"trialConcurrency":2,"maxTrialNumber":8,"tuner":{"name":"TPE","classArgs":{"optimize_mode":"maximize"}},"trainingService":{"platform":"local"}}', 'k2fz7b1q', 95, 1700000000000, 1700000095000, '/root/nni-experiments/k2fz7b1q', 7, 3);

INSERT INTO TrialJobEvent VALUES (1700000001000, 'Aa1bC', 'WAITING', '{"parameter_id": 0, "parameter_source": "algorithm", "parameters": {"lr": 0.001, "batch_size": 32, "optimizer": "adam", "dropout": 0.25, "layers": 2, "momentum": 0.91, "activation": "relu"}, "parameter_index": 0}', NULL, 0, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000001000, 'Bb2cD', 'WAITING', '{"parameter_id": 1, "parameter_source": "algorithm", "parameters": {"lr": 0.05, "batch_size": 16, "optimizer": "sgd", "dropout": 0.4, "layers": 4, "momentum": 0.85, "activation": "tanh"}, "parameter_index": 0}', NULL, 1, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000002000, 'Aa1bC', 'RUNNING', NULL, 'file://localhost:/root/nni-experiments/k2fz7b1q/trials/Aa1bC', 0, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000002500, 'Bb2cD', 'RUNNING', NULL, 'file://localhost:/root/nni-experiments/k2fz7b1q/trials/Bb2cD', 1, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000012000, 'Aa1bC', 'SUCCEEDED', NULL, 'file://localhost:/root/nni-experiments/k2fz7b1q/trials/Aa1bC', 0, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000009000, 'Bb2cD', 'FAILED', NULL, 'file://localhost:/root/nni-experiments/k2fz7b1q/trials/Bb2cD', 1, 'exit code 1', NULL);
INSERT INTO TrialJobEvent VALUES (1700000013000, 'Cc3dE', 'WAITING', '{"parameter_id": 2, "parameter_source": "algorithm", "parameters": {"lr": 0.0003, "batch_size": 64, "optimizer": "adam", "dropout": 0.1, "layers": 1, "momentum": 0.93, "activation": "relu"}, "parameter_index": 0}', NULL, 2, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000013500, 'Cc3dE', 'RUNNING', NULL, NULL, 2, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000023000, 'Cc3dE', 'SUCCEEDED', NULL, NULL, 2, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000024000, 'Dd4eF', 'WAITING', '{"parameter_id": 3, "parameter_source": "algorithm", "parameters": {"lr": 0.02, "batch_size": 32, "optimizer": "sgd", "dropout": 0.3, "layers": 3, "momentum": 0.9, "activation": "relu"}, "parameter_index": 0}', NULL, 3, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000024500, 'Dd4eF', 'RUNNING', NULL, NULL, 3, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000030000, 'Dd4eF', 'EARLY_STOPPED', NULL, NULL, 3, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000031000, 'Ee5fG', 'WAITING', '{"parameter_id": 4, "parameter_source": "algorithm", "parameters": {"lr": 0.0001, "batch_size": 16, "optimizer": "adam", "dropout": 0.5, "layers": 2, "momentum": 0.88, "activation": "gelu"}, "parameter_index": 0}', NULL, 4, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000032000, 'Ee5fG', 'USER_CANCELED', NULL, NULL, 4, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000033000, 'Ff6gH', 'WAITING', '{"parameter_id": 5, "parameter_source": "algorithm", "parameters": {"lr": 0.008, "batch_size": 64, "optimizer": "sgd", "dropout": 0.2, "layers": 4, "momentum": 0.95, "activation": "tanh"}, "parameter_index": 0}', NULL, 5, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000034000, 'Ff6gH', 'RUNNING', NULL, NULL, 5, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000035000, 'Gg7hI', 'WAITING', '{"parameter_id": 6, "parameter_source": "algorithm", "parameters": {"lr": 0.002, "batch_size": 32, "optimizer": "adam", "dropout": 0.35, "layers": 3, "momentum": 0.9, "activation": "relu"}, "parameter_index": 0}', NULL, 6, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000036000, 'Gg7hI', 'RUNNING', NULL, NULL, 6, NULL, NULL);
INSERT INTO TrialJobEvent VALUES (1700000046000, 'Gg7hI', 'SUCCEEDED', NULL, NULL, 6, NULL, NULL);

INSERT INTO MetricData VALUES (1700000005000, 'Aa1bC', '0', 'PERIODICAL', 0, '"0.71"');
INSERT INTO MetricData VALUES (1700000008000, 'Aa1bC', '0', 'PERIODICAL', 1, '"0.85"');
INSERT INTO MetricData VALUES (1700000011000, 'Aa1bC', '0', 'PERIODICAL', 2, '"0.9"');
INSERT INTO MetricData VALUES (1700000011900, 'Aa1bC', '0', 'FINAL', 0, '"0.91"');
INSERT INTO MetricData VALUES (1700000006000, 'Bb2cD', '1', 'PERIODICAL', 0, '"NaN"');
INSERT INTO MetricData VALUES (1700000018000, 'Cc3dE', '2', 'PERIODICAL', 0, '"{\"default\": 0.8, \"loss\": 0.5}"');
INSERT INTO MetricData VALUES (1700000022900, 'Cc3dE', '2', 'FINAL', 0, '"{\"default\": 0.95, \"loss\": 0.12}"');
INSERT INTO MetricData VALUES (1700000027000, 'Dd4eF', '3', 'PERIODICAL', 0, '"0.3"');
INSERT INTO MetricData VALUES (1700000029000, 'Dd4eF', '3', 'PERIODICAL', 1, '"-Infinity"');
INSERT INTO MetricData VALUES (1700000045900, 'Gg7hI', '6', 'FINAL', 0, '"Infinity"');
