-- Creates the database user of the app's user-assigned managed identity and grants it what the app
-- needs: read/write data and create/alter its own tables (the app applies its schema at start).
-- Idempotent. Run by create-sql-user.sh with sqlcmd variables:
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
    SELECT role_name FROM (VALUES (N'db_datareader'), (N'db_datawriter'), (N'db_ddladmin')) AS r(role_name);
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
GO
