-- Creates the database user of the app's user-assigned managed identity and grants it what the app
-- needs, and no more: read and write data. No DDL: the schema is changed by `npm run migrate` (the azd
-- predeploy hook, as the deployer), and the app only checks the schema version at start. Idempotent. Run by create-sql-user.sh with sqlcmd variables:
--   APP_IDENTITY_NAME       name of the user-assigned identity (becomes the user name)
--   APP_IDENTITY_CLIENT_ID  its client (application) id
--
-- WITH SID = <client id>, TYPE = E is used instead of FROM EXTERNAL PROVIDER: it needs no Microsoft Graph
-- lookup (so the SQL server needs no Directory Readers role) and cannot pick the wrong principal when
-- two share a display name.
SET NOCOUNT ON;
SET XACT_ABORT ON;

DECLARE @name sysname = N'$(APP_IDENTITY_NAME)';
DECLARE @clientId uniqueidentifier = CAST(N'$(APP_IDENTITY_CLIENT_ID)' AS uniqueidentifier);
DECLARE @sid varbinary(16) = CAST(@clientId AS varbinary(16));
DECLARE @sql nvarchar(max);

IF EXISTS (SELECT 1 FROM sys.database_principals WHERE name = @name AND sid <> @sid)
BEGIN
    -- Same name, other identity (the identity was deleted and re-created): replace the stale user.
    SET @sql = N'DROP USER ' + QUOTENAME(@name) + N';';
    EXEC (@sql);
    PRINT N'Dropped stale user ' + @name;
END;

IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = @name)
BEGIN
    SET @sql = N'CREATE USER ' + QUOTENAME(@name)
        + N' WITH SID = ' + CONVERT(nvarchar(64), @sid, 1) + N', TYPE = E;';
    EXEC (@sql);
    PRINT N'Created user ' + @name;
END;

DECLARE @role sysname;
DECLARE roles CURSOR LOCAL FAST_FORWARD FOR
    SELECT role_name FROM (VALUES (N'db_datareader'), (N'db_datawriter')) AS r(role_name);
OPEN roles;
FETCH NEXT FROM roles INTO @role;
WHILE @@FETCH_STATUS = 0
BEGIN
    IF IS_ROLEMEMBER(@role, @name) = 0 OR IS_ROLEMEMBER(@role, @name) IS NULL
    BEGIN
        SET @sql = N'ALTER ROLE ' + QUOTENAME(@role) + N' ADD MEMBER ' + QUOTENAME(@name) + N';';
        EXEC (@sql);
        PRINT N'Added ' + @name + N' to ' + @role;
    END;
    FETCH NEXT FROM roles INTO @role;
END;
CLOSE roles;
DEALLOCATE roles;

-- Earlier versions granted db_ddladmin (the app migrated at start-up): take it back, and any role that
-- could change the schema or grant rights.
DECLARE revoke_roles CURSOR LOCAL FAST_FORWARD FOR
    SELECT role_name FROM (VALUES (N'db_ddladmin'), (N'db_owner'), (N'db_securityadmin'), (N'db_accessadmin')) AS r(role_name);
OPEN revoke_roles;
FETCH NEXT FROM revoke_roles INTO @role;
WHILE @@FETCH_STATUS = 0
BEGIN
    IF IS_ROLEMEMBER(@role, @name) = 1
    BEGIN
        SET @sql = N'ALTER ROLE ' + QUOTENAME(@role) + N' DROP MEMBER ' + QUOTENAME(@name) + N';';
        EXEC (@sql);
        PRINT N'Removed ' + @name + N' from ' + @role;
    END;
    FETCH NEXT FROM revoke_roles INTO @role;
END;
CLOSE revoke_roles;
DEALLOCATE revoke_roles;
GO
