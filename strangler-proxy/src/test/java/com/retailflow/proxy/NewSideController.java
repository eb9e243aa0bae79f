package com.retailflow.proxy;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stands in for the new modules: answers new URLs so tests can tell which side served. */
@RestController
class NewSideController {

	@GetMapping("/products/{id}")
	String product(@PathVariable long id) {
		return "new product " + id;
	}

	@GetMapping("/flaky/{kind}")
	ResponseEntity<String> flaky(@PathVariable String kind) {
		return kind.equals("broken") ? ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body("new side broke")
				: ResponseEntity.ok("new flaky " + kind);
	}

	@PostMapping("/flaky/{kind}")
	ResponseEntity<String> flakyPost(@PathVariable String kind) {
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body("new side broke on POST");
	}
}
