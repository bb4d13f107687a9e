#!/usr/bin/env bash
# Restores the Bicep CLI from NuGet (package Azure.Bicep.CommandLine.linux-x64) with the dotnet SDK
# and links it to .tools/bicep. There is no other way to get bicep on our machines: no az CLI and
# no GitHub downloads, but NuGet is reachable.
#
# Idempotent: when .tools/bicep already runs and reports the pinned version, it exits at once.
# Usage: bash infra/tools/restore-bicep.sh   (prints the path of the bicep executable)
set -euo pipefail

BICEP_VERSION="${BICEP_VERSION:-0.49.2}"
PACKAGE_ID="Azure.Bicep.CommandLine.linux-x64"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools_dir="$repo_root/.tools"
link="$tools_dir/bicep"

# Fast path: already restored at the pinned version.
if [[ -x "$link" ]] && "$link" --version 2>/dev/null | grep -q "version $BICEP_VERSION "; then
  echo "$link"
  exit 0
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "restore-bicep: the dotnet SDK is required (it restores the Bicep CLI from NuGet)" >&2
  exit 1
fi

packages_dir="$tools_dir/nuget-packages"
project_dir="$tools_dir/bicep-restore"
mkdir -p "$packages_dir" "$project_dir"

# A throwaway project whose only job is to download one package; PackageDownload does not add a
# reference, so the target framework does not matter beyond being one the SDK knows.
cat >"$project_dir/bicep-restore.csproj" <<CSPROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <DisableImplicitNuGetFallbackFolder>true</DisableImplicitNuGetFallbackFolder>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="$PACKAGE_ID" Version="[$BICEP_VERSION]" />
  </ItemGroup>
</Project>
CSPROJ

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet restore "$project_dir/bicep-restore.csproj" --packages "$packages_dir" --verbosity quiet >&2

# NuGet lower-cases package folder names.
package_dir="$packages_dir/$(echo "$PACKAGE_ID" | tr '[:upper:]' '[:lower:]')/$BICEP_VERSION"
exe="$(find "$package_dir/tools" -type f -name bicep -print -quit 2>/dev/null || true)"
if [[ -z "$exe" ]]; then
  echo "restore-bicep: no 'bicep' executable under $package_dir/tools" >&2
  exit 1
fi
chmod +x "$exe"
# Relative link, so a moved or re-cloned work tree keeps a valid .tools/bicep.
ln -sfn "${exe#"$tools_dir/"}" "$link"

"$link" --version >&2
echo "$link"
