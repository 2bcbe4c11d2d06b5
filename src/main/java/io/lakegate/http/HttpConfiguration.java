package io.lakegate.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.net.InetAddress;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.unit.DataSize;

/**
 * What guards the HTTP surface, in the order a request meets it: the Host check (on loopback), the body size
 * limits, then Spring Security ({@code lakegate.security.*}). The first two run before authentication so that
 * nobody, signed in or not, gets a large body read or a rebound host name answered.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
public class HttpConfiguration {

    /** The API takes only query parameters; a small body (an empty JSON object, a form) is tolerated. */
    static final DataSize API_MAX_REQUEST = DataSize.ofKilobytes(1);
    /** Everywhere else: Jolokia's bulk reads from Hawtio are the largest bodies the service takes. */
    static final DataSize MAX_REQUEST = DataSize.ofKilobytes(256);

    // Spring Security's filter runs at -100 (SecurityProperties.DEFAULT_FILTER_ORDER); these come before it.
    private static final int HOST_CHECK_ORDER = -300;
    private static final int BODY_LIMIT_ORDER = -200;

    /**
     * Kubernetes probes and Prometheus scrape without credentials. Health shows only UP/DOWN and component
     * names; metrics carry no keys or data. Both stay open so that the platform needs no copy of the token.
     */
    private static final RequestMatcher OPEN = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/actuator/health"),
            PathPatternRequestMatcher.withDefaults().matcher("/actuator/health/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/livez"),
            PathPatternRequestMatcher.withDefaults().matcher("/readyz"),
            PathPatternRequestMatcher.withDefaults().matcher("/actuator/prometheus"));

    @Bean
    FilterRegistrationBean<LoopbackHostCheck> loopbackHostCheck(ServerProperties server) {
        InetAddress address = server.getAddress();
        var registration = new FilterRegistrationBean<>(new LoopbackHostCheck());
        registration.setName("loopbackHostCheck");
        registration.setOrder(HOST_CHECK_ORDER);
        // Bound to all interfaces (a pod), the service is reached by names it cannot know: Service, pod IP.
        registration.setEnabled(address != null && address.isLoopbackAddress());
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimit> apiBodyLimit() {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimit(API_MAX_REQUEST));
        registration.setName("apiBodyLimit");
        registration.addUrlPatterns("/api/*");
        registration.setOrder(BODY_LIMIT_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimit> bodyLimit() {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimit(MAX_REQUEST));
        registration.setName("bodyLimit");
        registration.setOrder(BODY_LIMIT_ORDER + 1);
        return registration;
    }

    @Bean
    SecurityFilterChain lakegateSecurity(HttpSecurity http, SecuritySettings settings) throws Exception {
        // No session, no cookie, no login page: credentials come with each request (see TokenAuthentication for
        // why that leaves CSRF nothing to ride on where it matters).
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
        if (!settings.enabled()) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        return http.addFilterBefore(new TokenAuthentication(settings), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(OPEN).permitAll()
                        // An error page for a request that was let in, e.g. a 500 of an authenticated call.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint((request, response, denied) -> {
                    boolean api = request.getRequestURI().startsWith("/api/");
                    response.setHeader("WWW-Authenticate", api ? "Bearer realm=\"lakegate\"" : "Basic realm=\"lakegate\"");
                    ApiErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED,
                            api ? "Authorization: Bearer <lakegate.security.token> required"
                                    : "Credentials required: Bearer <token>, or basic with the token as password");
                }))
                .build();
    }

    /**
     * Camel's platform-http (the /api/compaction routes) runs requests on Spring's task executor; Boot does not
     * provide one here because the intake and processing executors already are Executor beans.
     */
    @Bean
    ThreadPoolTaskExecutor applicationTaskExecutor(ThreadPoolTaskExecutorBuilder builder) {
        return builder.threadNamePrefix("http-api-").build();
    }
}
