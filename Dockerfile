# Build: the SDK image publishes the portal with content/ and wwwroot/ beside it.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Packages first, from the project files alone: this layer stays cached while only source changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Portal/Portal.csproj src/Portal/
RUN dotnet restore src/Portal/Portal.csproj
COPY . .
RUN dotnet publish src/Portal -c Release -o /app --no-restore --nologo

# Run: one process, embedded SQLite and the data-protection keys under /app/data (a named volume in docker-compose.yml).
FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /app/data && chown -R app:app /app/data
USER app
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://+:8080 \
    ConnectionStrings__Portal="Data Source=/app/data/portal.db" \
    Logging__Console__FormatterName=json
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/healthz/ready || exit 1
ENTRYPOINT ["dotnet", "Portal.dll"]
