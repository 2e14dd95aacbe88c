package dev.ec2double.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application of the tests: auto-configuration, and no component scan, which here would find
 * the module's own configuration classes as if they were the application's.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApplication {}
