-- Spring Batch 6.0 schema for postgresql (from spring-batch-core's schema-postgresql.sql), made idempotent with IF NOT EXISTS
-- so that it runs harmlessly on every start (fanout uses spring.batch.jdbc.initialize-schema=always).

CREATE TABLE IF NOT EXISTS BATCH_JOB_INSTANCE (
	JOB_INSTANCE_ID BIGINT  NOT NULL PRIMARY KEY,
	VERSION BIGINT,
	JOB_NAME VARCHAR(100) NOT NULL,
	JOB_KEY VARCHAR(32) NOT NULL,
	constraint JOB_INST_UN unique (JOB_NAME, JOB_KEY)
) ;

CREATE TABLE IF NOT EXISTS BATCH_JOB_EXECUTION (
	JOB_EXECUTION_ID BIGINT  NOT NULL PRIMARY KEY,
	VERSION BIGINT,
	JOB_INSTANCE_ID BIGINT NOT NULL,
	CREATE_TIME TIMESTAMP NOT NULL,
	START_TIME TIMESTAMP DEFAULT NULL,
	END_TIME TIMESTAMP DEFAULT NULL,
	STATUS VARCHAR(10),
	EXIT_CODE VARCHAR(2500),
	EXIT_MESSAGE VARCHAR(2500),
	LAST_UPDATED TIMESTAMP,
	constraint JOB_INST_EXEC_FK foreign key (JOB_INSTANCE_ID)
	references BATCH_JOB_INSTANCE(JOB_INSTANCE_ID)
) ;

CREATE TABLE IF NOT EXISTS BATCH_JOB_EXECUTION_PARAMS (
	JOB_EXECUTION_ID BIGINT NOT NULL,
	PARAMETER_NAME VARCHAR(100) NOT NULL,
	PARAMETER_TYPE VARCHAR(100) NOT NULL,
	PARAMETER_VALUE VARCHAR(2500),
	IDENTIFYING CHAR(1) NOT NULL,
	constraint JOB_EXEC_PARAMS_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE TABLE IF NOT EXISTS BATCH_STEP_EXECUTION (
	STEP_EXECUTION_ID BIGINT  NOT NULL PRIMARY KEY,
	VERSION BIGINT NOT NULL,
	STEP_NAME VARCHAR(100) NOT NULL,
	JOB_EXECUTION_ID BIGINT NOT NULL,
	CREATE_TIME TIMESTAMP NOT NULL,
	START_TIME TIMESTAMP DEFAULT NULL,
	END_TIME TIMESTAMP DEFAULT NULL,
	STATUS VARCHAR(10),
	COMMIT_COUNT BIGINT,
	READ_COUNT BIGINT,
	FILTER_COUNT BIGINT,
	WRITE_COUNT BIGINT,
	READ_SKIP_COUNT BIGINT,
	WRITE_SKIP_COUNT BIGINT,
	PROCESS_SKIP_COUNT BIGINT,
	ROLLBACK_COUNT BIGINT,
	EXIT_CODE VARCHAR(2500),
	EXIT_MESSAGE VARCHAR(2500),
	LAST_UPDATED TIMESTAMP,
	constraint JOB_EXEC_STEP_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE TABLE IF NOT EXISTS BATCH_STEP_EXECUTION_CONTEXT (
	STEP_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
	SHORT_CONTEXT VARCHAR(2500) NOT NULL,
	SERIALIZED_CONTEXT TEXT,
	constraint STEP_EXEC_CTX_FK foreign key (STEP_EXECUTION_ID)
	references BATCH_STEP_EXECUTION(STEP_EXECUTION_ID)
) ;

CREATE TABLE IF NOT EXISTS BATCH_JOB_EXECUTION_CONTEXT (
	JOB_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
	SHORT_CONTEXT VARCHAR(2500) NOT NULL,
	SERIALIZED_CONTEXT TEXT,
	constraint JOB_EXEC_CTX_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE SEQUENCE IF NOT EXISTS BATCH_STEP_EXECUTION_SEQ MAXVALUE 9223372036854775807 NO CYCLE;
CREATE SEQUENCE IF NOT EXISTS BATCH_JOB_EXECUTION_SEQ MAXVALUE 9223372036854775807 NO CYCLE;
CREATE SEQUENCE IF NOT EXISTS BATCH_JOB_INSTANCE_SEQ MAXVALUE 9223372036854775807 NO CYCLE;

-- Not Spring Batch's: the scheduler looks a firing up by its run.id (dev.fanout.schedule.ScheduleRuns) once per firing,
-- and without an index that read the whole parameters table. Spring Batch's tables are unchanged; an existing
-- repository gets the index at its first start with this script. Partial: run.id values only, which Fanout makes
-- short (a number, chapter-<n>, <schedule>@<time>), where a B-tree entry of any parameter could pass PostgreSQL's
-- ~2.7 kB limit (VARCHAR(2500) of multi-byte text) and fail the launch. Its predicate is literal in the look-up, so
-- that prepared statements' generic plans can use it.
CREATE INDEX IF NOT EXISTS BATCH_JOB_EXECUTION_PARAMS_RUN_ID ON BATCH_JOB_EXECUTION_PARAMS (PARAMETER_VALUE)
	WHERE PARAMETER_NAME = 'run.id';

-- Fanout's own table (not Spring Batch's): who owns the running execution of a job instance. One row per instance
-- key (the same JOB_NAME/JOB_KEY pair as BATCH_JOB_INSTANCE), claimed before the execution exists so that two
-- processes cannot launch one instance at once. JOB_EXECUTION_ID is set once the execution is created. HEARTBEAT is
-- refreshed by the owner every few seconds with the database's clock, and the row is deleted when the execution ends.
CREATE TABLE IF NOT EXISTS FANOUT_EXECUTION_OWNER (
	JOB_NAME VARCHAR(100) NOT NULL,
	JOB_KEY VARCHAR(32) NOT NULL,
	JOB_EXECUTION_ID BIGINT,
	HOST VARCHAR(255) NOT NULL,
	NODE VARCHAR(32),
	PID BIGINT NOT NULL,
	PROCESS_START TIMESTAMP WITH TIME ZONE,
	CLAIMED TIMESTAMP WITH TIME ZONE NOT NULL,
	HEARTBEAT TIMESTAMP WITH TIME ZONE NOT NULL,
	constraint FANOUT_EXECUTION_OWNER_PK primary key (JOB_NAME, JOB_KEY)
) ;

CREATE INDEX IF NOT EXISTS FANOUT_EXECUTION_OWNER_EXECUTION ON FANOUT_EXECUTION_OWNER (JOB_EXECUTION_ID);

-- The owner's node: machine, boot and process-id namespace (a host name can be shared). Created with the table since
-- it exists; this adds it to a repository made before. Never let a fresh repository need it: H2 adds a column by
-- copying the table under a new name, and another process's insert in that moment finds no table.
ALTER TABLE FANOUT_EXECUTION_OWNER ADD COLUMN IF NOT EXISTS NODE VARCHAR(32);

-- Fanout's remote workers ('fanout worker', dev.fanout.remote): one row per live worker process, refreshed with the
-- database's clock every few seconds and deleted when the worker ends; a row whose heartbeat is old is a dead worker.
CREATE TABLE IF NOT EXISTS FANOUT_WORKER (
	WORKER_ID VARCHAR(100) NOT NULL PRIMARY KEY,
	HOST VARCHAR(255) NOT NULL,
	NODE VARCHAR(32) NOT NULL,
	PID BIGINT NOT NULL,
	SLOTS INT NOT NULL,
	STARTED TIMESTAMP WITH TIME ZONE NOT NULL,
	HEARTBEAT TIMESTAMP WITH TIME ZONE NOT NULL
) ;

-- Which worker took each remote partition (a step execution): inserted once, so two workers never run one partition,
-- and kept with the step execution as the record of where it ran ('show'). WORKER_ID 'manager' marks a partition the
-- manager failed because no worker took it; 'handed-on' one whose worker died, waiting for another worker to take it
-- over (HAND_ONS counts how often that happened); 'taken-back' one the manager ended after its worker stopped running
-- it; 'recovered' one a recovery of its execution took back from its worker (its manager had died). BEAT is refreshed
-- by the worker's heartbeat for as long as it runs the partition: a claim whose BEAT is old names a worker that died or
-- no longer runs it. A worker's writes of the partition lock and check its row in their transaction (WORKER_ID its own,
-- HAND_ONS as when it took it): the worker's claim fences them.
CREATE TABLE IF NOT EXISTS FANOUT_PARTITION_WORKER (
	STEP_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
	JOB_EXECUTION_ID BIGINT NOT NULL,
	WORKER_ID VARCHAR(100) NOT NULL,
	HOST VARCHAR(255) NOT NULL,
	PID BIGINT NOT NULL,
	CLAIMED TIMESTAMP WITH TIME ZONE NOT NULL,
	HAND_ONS INT DEFAULT 0 NOT NULL,
	BEAT TIMESTAMP WITH TIME ZONE
) ;

-- Added for hand-ons; remote workers run on PostgreSQL only, which adds a column in place.
ALTER TABLE FANOUT_PARTITION_WORKER ADD COLUMN IF NOT EXISTS HAND_ONS INT DEFAULT 0 NOT NULL;
-- Added for claims' heartbeats; a claim written before has none, and only its worker's heartbeat tells.
ALTER TABLE FANOUT_PARTITION_WORKER ADD COLUMN IF NOT EXISTS BEAT TIMESTAMP WITH TIME ZONE;

CREATE INDEX IF NOT EXISTS FANOUT_PARTITION_WORKER_EXECUTION ON FANOUT_PARTITION_WORKER (JOB_EXECUTION_ID);

-- What the partitions of a job instance take in and give back (dev.fanout.batch.PartitionData), so that a partition
-- needs only the database wherever it runs: e.g. factorize's numbers per share and its results. A partition inserts
-- its rows in its chunk's transaction; SEQ orders a dataset; the rows are deleted when the instance completes.
CREATE TABLE IF NOT EXISTS FANOUT_PARTITION_DATA (
	JOB_INSTANCE_ID BIGINT NOT NULL,
	DATASET VARCHAR(100) NOT NULL,
	SHARD INT NOT NULL,
	SEQ BIGINT NOT NULL,
	CONTENT TEXT NOT NULL,
	constraint FANOUT_PARTITION_DATA_PK primary key (JOB_INSTANCE_ID, DATASET, SEQ)
) ;

CREATE INDEX IF NOT EXISTS FANOUT_PARTITION_DATA_SHARD ON FANOUT_PARTITION_DATA (JOB_INSTANCE_ID, DATASET, SHARD, SEQ);
