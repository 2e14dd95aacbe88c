package dev.ec2double.spring.examples;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application under test of the examples: any Spring Boot application. */
@SpringBootApplication
public class ExampleApplication {}
