# One image per host, from one file:
#   docker build --build-arg PROJECT=services/eligibility/RevenueCycle.Eligibility.Api -t revenuecycle-eligibility .
# `make images` builds all eight (six services, the payer sandbox, the gateway). (Not built on the project's machines: they have no Docker engine.)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
WORKDIR /src
COPY . .
RUN dotnet publish "$PROJECT" -c Release -o /app --nologo -p:UseAppHost=false \
 && basename "$PROJECT" > /app/.entrypoint

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# 8080: h2c gRPC (and JSON over HTTP/2); 8081: HTTP/1.1 JSON, probes and the Dapr app channel.
EXPOSE 8080 8081
USER $APP_UID
ENTRYPOINT ["sh", "-c", "exec dotnet \"$(cat /app/.entrypoint).dll\""]
