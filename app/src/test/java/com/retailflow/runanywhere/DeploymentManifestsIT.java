package com.retailflow.runanywhere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.TestDatabases;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.yaml.snakeyaml.Yaml;

/**
 * The container image, compose file and Kubernetes manifests agree with the app, checked offline against a running
 * app: the app is started exactly as the image starts it (the jar extracted into the Dockerfile's layers, the
 * Dockerfile's entrypoint), and every port, probe and health path the files name is asked of it. Schemas are
 * checked by {@code deploy/k8s/check-schemas.mjs} (npm), {@code compose.yaml} by {@code docker-compose config}.
 */
class DeploymentManifestsIT {

	static final Path ROOT = LegacyShop.legacyDirectory().getParent();
	static final Pattern LAYER = Pattern.compile("(?m)^COPY --from=layers /layers/extracted/([a-z-]+)/ \\./$");

	static final String ADMIN_PASSWORD = "manifests-it-secret";
	static String dockerfile;
	static Map<String, List<Map<String, Object>>> k8s;
	static Process app;
	static int port;
	static Path image;

	@BeforeAll
	static void startTheAppAsTheImageDoes() throws Exception {
		dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
		k8s = kubernetesManifests();
		image = Path.of("target/it-image").toAbsolutePath();
		FileSystemUtils.deleteRecursively(image);
		Path extracted = image.resolve("extracted");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path jar = Path.of(System.getProperty("retailflow.jar", "target/retailflow-app.jar")).toAbsolutePath();
		var extract = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--layers", "--launcher",
				"--destination", extracted.toString()).inheritIO().start();
		assertThat(extract.waitFor()).isZero();

		Set<String> layers = new LinkedHashSet<>();
		Matcher copies = LAYER.matcher(dockerfile);
		while (copies.find()) {
			layers.add(copies.group(1));
		}
		try (Stream<Path> folders = Files.list(extracted)) {
			assertThat(folders.map(folder -> folder.getFileName().toString())).as("the Dockerfile copies every layer")
				.containsExactlyInAnyOrderElementsOf(layers);
		}
		Path workdir = image.resolve("app");
		for (String layer : layers) {
			FileSystemUtils.copyRecursively(extracted.resolve(layer), workdir);
		}

		port = LegacyShop.freePort();
		var database = TestDatabases.newPostgres();
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(entrypoint().subList(1, entrypoint().size()));
		var builder = new ProcessBuilder(command).directory(workdir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(image.resolve("app.log").toFile());
		builder.environment()
			.putAll(Map.of("PORT", String.valueOf(port), "RETAILFLOW_DB_NAME", database.name(), "LEGACY_DB_PORT", "1",
					"RETAILFLOW_BACKFILL_ON_START", "false", "RETAILFLOW_ADMIN_USER", "ops", "RETAILFLOW_ADMIN_PASSWORD",
					ADMIN_PASSWORD));
		app = builder.start();
		await("the app started from the image layout").atMost(Duration.ofMinutes(4))
			.pollInterval(Duration.ofSeconds(1))
			.failFast("the app exited", () -> !app.isAlive())
			.until(() -> status("/actuator/health/readiness") == 200);
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (app != null) {
			app.destroy();
			app.waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void theImageEntrypointPortAndHealthCheckAreTheApps() throws Exception {
		assertThat(entrypoint().get(0)).isEqualTo("java");
		Path launcher = image.resolve("app").resolve(entrypoint().get(1).replace('.', '/') + ".class");
		assertThat(launcher).as("entrypoint class in the image").exists();
		int exposed = Integer.parseInt(group("(?m)^EXPOSE (\\d+)$"));
		assertThat(exposed).isEqualTo(appDefaultPort()).isEqualTo(Integer.parseInt(group("PORT=(\\d+)")));
		assertThat(group("(?m)^FROM eclipse-temurin:(\\S+)$")).isEqualTo("25-jre");
		assertThat(group("(?m)^USER (\\S+)$")).doesNotStartWith("0").doesNotStartWith("root");
		var health = Pattern.compile("CMD curl -fsS -o /dev/null http://127\\.0\\.0\\.1:(\\d+)(/\\S+)").matcher(dockerfile);
		assertThat(health.find()).as("HEALTHCHECK").isTrue();
		assertThat(Integer.parseInt(health.group(1))).isEqualTo(exposed);
		assertThat(health.group(2)).isEqualTo("/actuator/health/readiness");
		assertThat(status(health.group(2))).isEqualTo(200);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theDeploymentsPortsAndProbesExistInTheRunningApp() throws Exception {
		var deployment = single("Deployment");
		var spec = map(deployment, "spec");
		var pod = map(map(spec, "template"), "spec");
		var container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
		assertThat((Integer) spec.get("replicas")).isGreaterThanOrEqualTo(2);
		assertThat(map(container, "resources")).containsKeys("requests", "limits");

		Map<String, Integer> ports = new HashMap<>();
		for (var declared : (List<Map<String, Object>>) container.get("ports")) {
			ports.put((String) declared.get("name"), (Integer) declared.get("containerPort"));
		}
		assertThat(ports).containsEntry("http", appDefaultPort());
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			var get = map(map(container, probe), "httpGet");
			assertThat(ports).as(probe + " port").containsKey((String) get.get("port"));
			assertThat(status((String) get.get("path"))).as(probe + " " + get.get("path")).isEqualTo(200);
		}
		String liveness = (String) map(map(container, "livenessProbe"), "httpGet").get("path");
		String readiness = (String) map(map(container, "readinessProbe"), "httpGet").get("path");
		assertThat(liveness).isEqualTo("/actuator/health/liveness");
		assertThat(readiness).isEqualTo("/actuator/health/readiness");
		assertThat(body(liveness)).as("the database is not part of liveness").doesNotContain("\"db\"");
		assertThat(body(readiness)).as("readiness waits for the database").contains("\"db\"");

		List<String> preStop = (List<String>) map(map(map(container, "lifecycle"), "preStop"), "exec").get("command");
		int pause = Integer.parseInt(preStop.get(1));
		int shutdownPhase = Integer.parseInt(appSetting("timeout-per-shutdown-phase").replace("s", ""));
		int unready = Integer.parseInt(appSetting("unready-for").replace("s", ""));
		assertThat((Integer) pod.get("terminationGracePeriodSeconds"))
			.as("preStop pause + unready pause + graceful shutdown fit")
			.isGreaterThan(pause + unready + shutdownPhase);
		assertThat(appSetting("shutdown")).isEqualTo("graceful");
	}

	@Test
	@SuppressWarnings("unchecked")
	void selectorsBudgetsAndScalersPointAtTheDeploymentsPods() {
		var deployment = single("Deployment");
		String name = (String) map(deployment, "metadata").get("name");
		var selector = (Map<String, Object>) map(map(deployment, "spec"), "selector").get("matchLabels");
		var podLabels = (Map<String, Object>) map(map(map(deployment, "spec"), "template"), "metadata").get("labels");
		assertThat(podLabels).containsAllEntriesOf(selector);

		var service = single("Service", "retailflow");
		assertThat(podLabels).as("Service selector").containsAllEntriesOf((Map<String, Object>) map(service, "spec").get("selector"));
		var servicePort = ((List<Map<String, Object>>) map(service, "spec").get("ports")).get(0);
		assertThat(servicePort.get("targetPort")).isEqualTo("http");

		var pdb = single("PodDisruptionBudget");
		assertThat(map(map(pdb, "spec"), "selector").get("matchLabels")).as("PDB selects the Deployment's pods").isEqualTo(selector);
		assertThat((Integer) map(pdb, "spec").get("minAvailable")).isLessThan((Integer) map(deployment, "spec").get("replicas"));

		var target = map(map(single("HorizontalPodAutoscaler"), "spec"), "scaleTargetRef");
		assertThat(target).containsEntry("kind", "Deployment").containsEntry("name", name);
		assertThat((Integer) map(single("HorizontalPodAutoscaler"), "spec").get("minReplicas")).isGreaterThanOrEqualTo(2);

		var databasePolicy = single("NetworkPolicy", "retailflow-db-only-from-app");
		var appRule = ((List<Map<String, Object>>) map(databasePolicy, "spec").get("ingress")).get(0);
		var allowed = (Map<String, Object>) map(((List<Map<String, Object>>) appRule.get("from")).get(0), "podSelector").get("matchLabels");
		assertThat(podLabels).as("the app's pods are the ones let in").containsAllEntriesOf(allowed);
		var cluster = single("Cluster");
		assertThat(map(map(databasePolicy, "spec"), "podSelector").get("matchLabels"))
			.isEqualTo(Map.of("cnpg.io/cluster", map(cluster, "metadata").get("name")));
	}

	@Test
	@SuppressWarnings("unchecked")
	void settingsAndCredentialsAreDocumentedAndApart() throws IOException {
		Set<String> documented = documentedVariables();
		var config = (Map<String, Object>) single("ConfigMap").get("data");
		assertThat(config.keySet()).allSatisfy(key -> assertThat(key).doesNotContainPattern("PASSWORD|SECRET|TOKEN|_USER$"));
		Set<String> used = new LinkedHashSet<>(config.keySet());
		used.addAll(((Map<String, Object>) single("Secret").get("stringData")).keySet());
		var container = ((List<Map<String, Object>>) map(map(map(single("Deployment"), "spec"), "template"), "spec")
			.get("containers")).get(0);
		((List<Map<String, Object>>) container.get("env")).forEach(env -> used.add((String) env.get("name")));

		Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("compose.yaml")));
		var services = (Map<String, Map<String, Object>>) compose.get("services");
		for (String instance : List.of("app-1", "app-2")) {
			used.addAll(((Map<String, Object>) services.get(instance).get("environment")).keySet());
		}
		used.remove("JAVA_TOOL_OPTIONS");
		assertThat(documented).as("every variable the manifests set is documented in the README").containsAll(used);

		String balancer = Files.readString(ROOT.resolve("deploy/compose/balancer.conf"));
		for (String instance : List.of("app-1", "app-2")) {
			assertThat(balancer).contains("server " + instance + ":" + appDefaultPort());
		}
	}

	// ---------------------------------------------------------------------------------------------------------------

	static List<String> entrypoint() {
		String json = group("(?m)^ENTRYPOINT \\[(.+)]$");
		return Stream.of(json.split(",")).map(part -> part.trim().replace("\"", "")).toList();
	}

	static String group(String regex) {
		var matcher = Pattern.compile(regex).matcher(dockerfile);
		assertThat(matcher.find()).as(regex + " in the Dockerfile").isTrue();
		return matcher.group(1);
	}

	/** The port the app listens on when nothing overrides it, from its own application.yml. */
	static int appDefaultPort() {
		return Integer.parseInt(appSetting("port").replaceAll("\\$\\{PORT:(\\d+)}", "$1"));
	}

	static String appSetting(String key) {
		try {
			String yml = Files.readString(image.resolve("app/BOOT-INF/classes/application.yml"));
			var matcher = Pattern.compile("(?m)^\\s+" + Pattern.quote(key) + ": (\\S+)$").matcher(yml);
			assertThat(matcher.find()).as(key + " in application.yml").isTrue();
			return matcher.group(1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Set<String> documentedVariables() throws IOException {
		Set<String> names = new LinkedHashSet<>();
		var matcher = Pattern.compile("(?m)^\\| `([A-Z_]+)`").matcher(Files.readString(ROOT.resolve("README.md")));
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	@SuppressWarnings("unchecked")
	static Map<String, List<Map<String, Object>>> kubernetesManifests() throws IOException {
		Path dir = ROOT.resolve("deploy/k8s");
		Map<String, Object> kustomization = new Yaml().load(Files.readString(dir.resolve("kustomization.yaml")));
		Map<String, List<Map<String, Object>>> byKind = new HashMap<>();
		for (String file : (List<String>) kustomization.get("resources")) {
			for (Object document : new Yaml().loadAll(Files.readString(dir.resolve(file)))) {
				var manifest = (Map<String, Object>) document;
				byKind.computeIfAbsent((String) manifest.get("kind"), kind -> new ArrayList<>()).add(manifest);
			}
		}
		return byKind;
	}

	static Map<String, Object> single(String kind) {
		assertThat(k8s.get(kind)).as(kind).hasSize(1);
		return k8s.get(kind).get(0);
	}

	static Map<String, Object> single(String kind, String name) {
		return k8s.get(kind)
			.stream()
			.filter(manifest -> name.equals(map(manifest, "metadata").get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError(kind + " " + name));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Map<String, Object> parent, String key) {
		assertThat(parent).as("has " + key).containsKey(key);
		return (Map<String, Object>) parent.get(key);
	}

	static int status(String path) throws Exception {
		try {
			return send(path).statusCode();
		}
		catch (IOException notListening) {
			return -1;
		}
	}

	/** The body as an admin sees it: health components are shown to admins only. */
	static String body(String path) throws Exception {
		return AppProcess.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Basic " + java.util.Base64.getEncoder()
				.encodeToString(("ops:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(5))
			.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	static HttpResponse<String> send(String path) throws IOException, InterruptedException {
		return AppProcess.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(5))
			.build(), HttpResponse.BodyHandlers.ofString());
	}
}
